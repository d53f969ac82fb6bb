import type { FeedPreset } from './feed-preset.js';

/**
 * Personio's employee export, in English or in German. Personio's preset attributes include
 * ID, Email (E-Mail), Status and Termination date ("Ende des Arbeitsverhältnisses", exported
 * as "Austrittsdatum"); Status is one of Onboarding, Active, Leave, Inactive (German: Onboarding,
 * Aktiv, Auszeit, Inaktiv). Personio sets a person Inactive on their termination date, and an
 * Inactive person can no longer sign in to Personio: an Inactive row without a date has already
 * left. People on leave (Auszeit) and in onboarding keep their access. Dates are DD.MM.YYYY.
 * German exports are usually separated by `;`, which the reader detects from the header.
 * Vorname and Nachname are separate columns, so no display name is read.
 *
 * Sources:
 * - https://support.personio.de/hc/en-us/articles/360001764318
 * - https://support.personio.de/hc/de/articles/115002699585-%C3%9Cbersicht-aller-Attribute-in-Personio
 * - https://support.personio.de/hc/en-us/articles/115005610409-Create-Exports
 * - https://developer.personio.de/changelog/employee-api-added-status-and-supervisor_id-fields
 */
export const personio: FeedPreset = {
  name: 'personio',
  system: 'Personio employee export (English or German)',
  summary:
    'ID / Email or E-Mail / Status (active, onboarding, leave, inactive; Aktiv, Onboarding, Auszeit, Inaktiv) / Termination date or Austrittsdatum (DD.MM.YYYY); `;` or `,`; an inactive row without a date has already left.',
  sources: [
    'https://support.personio.de/hc/en-us/articles/360001764318',
    'https://support.personio.de/hc/de/articles/115002699585-%C3%9Cbersicht-aller-Attribute-in-Personio',
    'https://support.personio.de/hc/en-us/articles/115005610409-Create-Exports',
    'https://developer.personio.de/changelog/employee-api-added-status-and-supervisor_id-fields',
  ],
  columns: {
    employee_id: ['ID'],
    email: ['Email', 'E-Mail'],
    status: ['Status'],
    last_day: ['Termination date', 'Austrittsdatum', 'Ende des Arbeitsverhältnisses'],
  },
  statusMap: {
    active: ['Active', 'Onboarding', 'Leave', 'Aktiv', 'Auszeit'],
    leaver: ['Inactive', 'Inaktiv'],
  },
  dateFormats: ['DD.MM.YYYY'],
  undatedLeavers: 'already_left',
};
