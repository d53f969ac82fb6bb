import { describe, expect, it } from 'vitest';
import { feedSettingsSchema } from '../../../../functions/core/hr/feed-settings.js';
import { formatIssues } from '../../../../functions/core/shared/validation.js';

const problemsOf = (settings: Record<string, unknown>) => {
  const parsed = feedSettingsSchema.safeParse(settings);
  return parsed.success ? [] : formatIssues(parsed.error.issues);
};

describe('feed settings', () => {
  it('accepts a full set of reading options', () => {
    expect(
      problemsOf({
        columnMap: { employee_id: 'Personnel No', email: 'Work Email' },
        statusMap: { active: ['Active', 'On Leave'], leaver: ['Inactive'] },
        dateFormats: ['DD.MM.YYYY'],
        delimiter: ';',
        undatedLeavers: 'reject',
        maxBytes: 1024 * 1024 * 1024,
      }),
    ).toEqual([]);
    expect(problemsOf({ undatedLeavers: 'already_left', statusMap: { active: ['A'] } })).toEqual(
      [],
    );
  });

  it.each([
    ['an empty column name', { columnMap: { email: '' } }, 'columnMap.email: must name a column'],
    [
      'a blank status value',
      { statusMap: { leaver: ['  '] } },
      'statusMap.leaver.0: must not be empty',
    ],
    [
      'a value meaning both statuses, in any case',
      { statusMap: { active: ['Active', 'On Leave'], leaver: ['Gone', 'on leave'] } },
      'statusMap: a value cannot mean both active and leaver',
    ],
    [
      'an empty list of date formats',
      { dateFormats: [] },
      'dateFormats: must list at least one format',
    ],
    [
      'a date format without a day',
      { dateFormats: ['MM/YYYY'] },
      'dateFormats.0: "MM/YYYY" must hold the year (YYYY), the month and the day exactly once',
    ],
    [
      'a delimiter of two characters',
      { delimiter: ';;' },
      'delimiter: must be one character, not a letter, digit, quote or line break',
    ],
    [
      'a size over 1 GiB',
      { maxBytes: 1024 * 1024 * 1024 + 1 },
      'maxBytes: must be at most 1 GiB (1073741824)',
    ],
  ])('refuses %s', (_, settings, problem) => {
    expect(problemsOf(settings)).toEqual([problem]);
  });
});
