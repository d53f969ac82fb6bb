import { describe, expect, it } from 'vitest';
import { feedRules } from '../../../../functions/core/hr/feed-rules.js';

const base = { kind: 'roster' as const, timeZone: 'UTC', source: 'hr.csv' };

describe('feedRules', () => {
  it('keeps only the date formats that compile', () => {
    const rules = feedRules({ ...base, dateFormats: ['DD.MM.YYYY', 'DD.MM.YY'] });
    expect(rules.dateFormats.map((f) => f.format)).toEqual(['DD.MM.YYYY']);
    expect(feedRules(base).dateFormats).toEqual([]);
  });

  it("looks for a mapped column under its mapped name only, and a preset column under the preset's names first", () => {
    const rules = feedRules({ ...base, preset: 'personio', columnMap: { employee_id: 'Staff' } });
    expect([rules.columns.employee_id, rules.columns.email, rules.columns.display_name]).toEqual([
      ['Staff'],
      ['Email', 'E-Mail', 'email'],
      ['display_name'],
    ]);
    expect(rules.columnOrigin).toEqual({
      employee_id: 'mapped from "Staff"',
      email: 'preset personio looks for "Email" or "E-Mail"',
      status: 'preset personio looks for "Status"',
      last_day:
        'preset personio looks for "Termination date" or "Austrittsdatum" or "Ende des Arbeitsverhältnisses"',
    });
  });
});
