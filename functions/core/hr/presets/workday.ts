import type { FeedPreset } from './feed-preset.js';

/**
 * A Workday custom report of active and terminated workers, run as a web service (Reports as a
 * Service) and downloaded as CSV. Its headers are the columns' XML aliases, which Workday derives
 * from the field names, words joined by underscores: Employee_ID, Email, Termination_Date. Such a
 * report has no status column: a worker with a termination date is a leaver (a future leaver
 * while the date is ahead), one without is active. Dates are ISO (YYYY-MM-DD). A report whose
 * aliases differ is read with `--map`.
 *
 * Source (Workday's documentation asks for a Workday Community sign-in):
 * - https://doc.workday.com/reader/HAJOEAaClxziA9ljvuBqZA/SyXmXfVCjUOT8xAvvczmng
 */
export const workday: FeedPreset = {
  name: 'workday',
  system: 'Workday custom report (CSV, RaaS)',
  summary:
    'Employee_ID / Email / Termination_Date (YYYY-MM-DD), no status column: a worker with a termination date is a leaver.',
  sources: ['https://doc.workday.com/reader/HAJOEAaClxziA9ljvuBqZA/SyXmXfVCjUOT8xAvvczmng'],
  columns: {
    employee_id: ['Employee_ID'],
    email: ['Email'],
    last_day: ['Termination_Date'],
  },
  statusFromDate: true,
};
