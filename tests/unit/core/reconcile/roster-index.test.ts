import { describe, expect, it } from 'vitest';
import type { HrFeed, HrRecord } from '../../../../functions/core/hr/hr-record.js';
import { indexRoster } from '../../../../functions/core/reconcile/roster-index.js';
import { feed } from '../../fakes/builders.js';

const holderOf = (rows: string[]) =>
  indexRoster(feed([...rows, 'E9,zed@x.org,Zed,active,'])).byEmail.get('ana@x.org')?.employeeId;

describe('the roster index', () => {
  it.each([
    [
      'the active record, listed after the leaver',
      ['E1,ana@x.org,A,leaver,2024-06-30', 'E7,ana@x.org,A,active,'],
      'E7',
    ],
    [
      'the active record, listed before the leaver',
      ['E7,ana@x.org,A,active,', 'E1,ana@x.org,A,leaver,2024-06-30'],
      'E7',
    ],
    [
      'the leaver whose access ends last, listed last',
      ['E1,ana@x.org,A,leaver,2020-03-31', 'E5,ana@x.org,A,leaver,2024-06-30'],
      'E5',
    ],
    [
      'the leaver whose access ends last, listed first',
      ['E5,ana@x.org,A,leaver,2024-06-30', 'E1,ana@x.org,A,leaver,2020-03-31'],
      'E5',
    ],
    [
      'the first listed of leavers who left the same day',
      ['E1,ana@x.org,A,leaver,2024-06-30', 'E5,ana@x.org,A,leaver,2024-06-30'],
      'E1',
    ],
  ])('gives an email several records carry to %s', (_, rows, holder) => {
    expect(holderOf(rows)).toBe(holder);
  });

  it('gives an email to a dated leaver rather than one HR gave no last day', () => {
    const record = (employeeId: string, lastDay?: HrRecord['lastDay']): HrRecord => ({
      employeeId,
      email: 'ana@x.org',
      displayName: 'Ana',
      status: 'leaver',
      location: `line ${employeeId}`,
      ...(lastDay ? { lastDay } : {}),
    });
    const dated = record('E5', {
      raw: '2024-06-30',
      accessEndsAt: new Date('2024-07-01T00:00:00Z'),
    });
    const leavers = (records: HrRecord[]): HrFeed => ({
      kind: 'leavers',
      source: 'leavers.csv',
      records,
    });
    expect(indexRoster(leavers([record('E1'), dated])).byEmail.get('ana@x.org')?.employeeId).toBe(
      'E5',
    );
    expect(indexRoster(leavers([dated, record('E1')])).byEmail.get('ana@x.org')?.employeeId).toBe(
      'E5',
    );
  });

  it('shares nothing between records that have no email', () => {
    const index = indexRoster(feed(['E1,,Ana,active,', 'E2,,Ben,active,']));
    expect([index.byEmail.size, index.sharedEmails.size]).toEqual([0, 0]);
    expect([...index.byEmployeeId.keys()]).toEqual(['E1', 'E2']);
  });
});
