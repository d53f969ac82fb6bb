import type { FeedPreset } from './feed-preset.js';

/**
 * BambooHR's employee report exported as CSV. The headers are the labels of BambooHR's fields
 * `employeeNumber` ("Employee #"), `workEmail`, `status`, `employmentHistoryStatus` ("Employment
 * Status") and `terminationDate`. `Status` is Active or Inactive, and BambooHR documents Inactive
 * as "no longer employed", so an Inactive row without a termination date has already left.
 * "Employment Status" (Full-Time, Terminated, ...) is not read: its values are per company.
 * Dates follow the company's date setting; the US default is MM/DD/YYYY (override with
 * `--date-format DD/MM/YYYY` where the account uses the other). An employment ended with a
 * future effective date stays Active until then, with its Termination Date set: a future leaver.
 *
 * Sources:
 * - https://documentation.bamboohr.com/docs/list-of-field-names
 * - https://bamboohr.screenstepslive.com/m/53907/l/587297-active-vs-inactive-status
 * - https://bamboohr.screenstepslive.com/m/53914/l/587308-end-employment
 */
export const bamboohr: FeedPreset = {
  name: 'bamboohr',
  system: 'BambooHR employee report (CSV)',
  summary:
    'Employee # / Work Email / Status (Active, Inactive) / Termination Date (MM/DD/YYYY); an Inactive row without a date has already left.',
  sources: [
    'https://documentation.bamboohr.com/docs/list-of-field-names',
    'https://bamboohr.screenstepslive.com/m/53907/l/587297-active-vs-inactive-status',
    'https://bamboohr.screenstepslive.com/m/53914/l/587308-end-employment',
  ],
  columns: {
    employee_id: ['Employee #'],
    email: ['Work Email'],
    status: ['Status'],
    last_day: ['Termination Date'],
  },
  statusMap: { active: ['Active'], leaver: ['Inactive', 'Terminated'] },
  dateFormats: ['MM/DD/YYYY'],
  undatedLeavers: 'already_left',
};
