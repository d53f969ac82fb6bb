import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toAccount } from '../../../functions/aws/cognito-user.js';
import { readListUsersExport } from '../../../functions/aws/list-users-export.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join('tests', 'fixtures', 'accounts', name), 'utf8')) as unknown;
const POOL = 'eu-west-1_AbC123';

describe('list-users exports', () => {
  it('reads epoch-second dates, as AWS documents the output', () => {
    const read = readListUsersExport(fixture('list-users-epoch.json'), POOL);
    expect(read.ok && read.users.map((u) => u.Username)).toEqual([
      'ana',
      'ricardo.salazar',
      'cruz',
      'dana',
      'press-ops',
    ]);
    const ana = read.ok ? toAccount(read.users[0] as never, POOL, 'custom:employee_id') : undefined;
    expect(ana?.createdAt?.toISOString()).toBe('2019-01-21T16:56:57.683Z');
    expect(read.ok && read.incomplete).toBeUndefined();
  });

  it('keeps the milliseconds of epoch seconds that are not exact in binary', () => {
    // 1079924504.745 * 1000 is 1079924504744.9999: truncated, it would lose a millisecond.
    const read = readListUsersExport(
      { Users: [{ Username: 'ana', Enabled: true, UserCreateDate: 1079924504.745 }] },
      POOL,
    );
    expect(read.ok && read.users[0]?.UserCreateDate?.toISOString()).toBe(
      '2004-03-22T03:01:44.745Z',
    );
  });

  it('reads a bare array of users (--query Users), with ISO and epoch dates mixed', () => {
    const read = readListUsersExport(fixture('list-users-bare-array.json'), POOL);
    expect(read.ok && read.users.length).toBe(5);
    expect(read.ok && read.users[0]?.UserCreateDate?.toISOString()).toBe(
      '2019-01-21T16:56:57.683Z',
    );
  });

  it('says an export whose last page has a token is incomplete', () => {
    const read = readListUsersExport(fixture('list-users-incomplete.json'), POOL);
    expect(read).toMatchObject({
      ok: true,
      incomplete: 'its last page has a NextToken: list-users stopped before the end of the pool',
    });
    const single = readListUsersExport({ Users: [], PaginationToken: 'abc' }, POOL);
    expect(single.ok && single.incomplete).toMatch(/has a PaginationToken/);
  });

  it('refuses the same account twice, naming both places', () => {
    expect(readListUsersExport(fixture('list-users-duplicated-page.json'), POOL)).toEqual({
      ok: false,
      problem: `[1].Users[0]: duplicate account (pool ${POOL}, username "ana"), first at [0].Users[0]: the same page given twice?`,
    });
  });

  it('names the path and field of a problem, never an empty one', () => {
    const user = { Username: 'ana', Enabled: true, Attributes: [] };
    const cases: [unknown, string][] = [
      [{ Users: [user, { Username: 'ben' }] }, 'Users[1].Enabled: is required'],
      [
        [{ Users: [user] }, { Users: [{ ...user, Enabled: 'yes' }] }],
        '[1].Users[0].Enabled: must be true or false',
      ],
      [[user, { ...user, Username: 7 }], '[1].Username: must be text'],
      [
        { Users: [{ ...user, UserCreateDate: 'last week' }] },
        'Users[0].UserCreateDate: must be an ISO 8601 date-time or epoch seconds',
      ],
      [
        { Users: [{ ...user, UserCreateDate: 1548089817683 }] },
        'Users[0].UserCreateDate: must be epoch seconds (this looks like milliseconds)',
      ],
      [{ Users: 'none' }, 'Users: must be a list of users'],
      [
        { users: [] },
        '(root): not the output of list-users: expected {"Users": [...]}, an array of such pages, or an array of users',
      ],
      [
        'text',
        '(root): not the output of list-users: expected {"Users": [...]}, an array of such pages, or an array of users',
      ],
    ];
    for (const [document, problem] of cases) {
      expect(readListUsersExport(document, POOL)).toEqual({ ok: false, problem });
    }
  });
});
