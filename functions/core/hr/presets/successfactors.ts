import type { FeedPreset } from './feed-preset.js';

/**
 * The SAP SuccessFactors user data file (the employee export of Manage Users / Employee Import).
 * Row 1 holds the system keys (STATUS, USERID, USERNAME, FIRSTNAME, LASTNAME, EMAIL, ...), row 2
 * the labels, and data starts on row 3. STATUS is active or inactive. SAP documents inactive as
 * "on leave of absence or terminated", and an inactive user cannot sign in to SuccessFactors;
 * the file has no termination date, so an inactive row counts as already left. Override with
 * `--status-map` where people on leave must keep their access elsewhere.
 *
 * Sources:
 * - https://apps.support.sap.com/sap/support/knowledge/public/en/2087504
 * - https://learning.sap.com/learning-journeys/explore-the-sap-successfactors-platform/managing-the-user-data-file_c96bf25c-e1bf-4050-bd3d-62ce7f1a66f9
 */
export const successfactors: FeedPreset = {
  name: 'successfactors',
  system: 'SAP SuccessFactors user data file (CSV)',
  summary:
    'two header rows (system keys, then labels); USERID / EMAIL / STATUS (active, inactive); no dates: an inactive row has already left.',
  sources: [
    'https://apps.support.sap.com/sap/support/knowledge/public/en/2087504',
    'https://learning.sap.com/learning-journeys/explore-the-sap-successfactors-platform/managing-the-user-data-file_c96bf25c-e1bf-4050-bd3d-62ce7f1a66f9',
  ],
  columns: {
    employee_id: ['USERID'],
    email: ['EMAIL'],
    status: ['STATUS'],
  },
  statusMap: { active: ['active'], leaver: ['inactive'] },
  headerRows: 2,
  undatedLeavers: 'already_left',
};
