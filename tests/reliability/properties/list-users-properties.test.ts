import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAccountsFile } from '../../../cli/accounts-input.js';
import { CliError } from '../../../cli/exit-codes.js';
import type { CognitoUser } from '../../../functions/aws/cognito-user.js';
import { readListUsersExport } from '../../../functions/aws/list-users-export.js';
import { hostile, notBoolean, notList, notText, oneFieldWrong, type Path } from './mutations.js';
import { propertySuite } from './property-suite.js';

/**
 * The list-users files `--accounts-from` reads (`readListUsersExport`): whatever the file holds,
 * an answer and never a crash; an accepted export holds only valid, distinct users; a file
 * written as the AWS CLI writes it reads back as the users it was written from.
 */
const { check } = propertySuite('list-users-properties');
const POOL = 'eu-west-1_AbC123';

const user: fc.Arbitrary<CognitoUser> = fc.record(
  {
    Username: fc.stringMatching(/^[a-z0-9][a-z0-9._@-]{0,24}$/),
    Attributes: fc.array(
      fc.record(
        {
          Name: fc.constantFrom('sub', 'email', 'email_verified', 'custom:employee_id'),
          Value: fc.string({ maxLength: 30 }),
        },
        { requiredKeys: ['Name'] },
      ),
      { maxLength: 4 },
    ),
    Enabled: fc.boolean(),
    UserStatus: fc.constantFrom('CONFIRMED', 'FORCE_CHANGE_PASSWORD', 'EXTERNAL_PROVIDER'),
    UserCreateDate: fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2040-01-01T00:00:00Z'),
      noInvalidDate: true,
    }),
  },
  { requiredKeys: ['Username', 'Attributes', 'Enabled', 'UserStatus'] },
);
const users = fc.uniqueArray(user, { selector: (u) => u.Username, minLength: 1, maxLength: 6 });

/** The three shapes list-users output is saved in, with how each names its i-th user. */
type Shape = 'page' | 'pages' | 'bare';
const documentOf = (list: CognitoUser[], shape: Shape, date: (d: Date) => unknown): unknown => {
  const written = list.map((u) =>
    u.UserCreateDate ? { ...u, UserCreateDate: date(u.UserCreateDate) } : u,
  );
  if (shape === 'bare') return written;
  if (shape === 'page') return { Users: written };
  const half = Math.ceil(written.length / 2);
  return [{ Users: written.slice(0, half) }, { Users: written.slice(half) }];
};
const userPath = (shape: Shape, count: number, i: number): Path => {
  if (shape === 'bare') return [i];
  if (shape === 'page') return ['Users', i];
  const half = Math.ceil(count / 2);
  return i < half ? [0, 'Users', i] : [1, 'Users', i - half];
};
/** `[1].Users[3].Enabled`, as the reader names a path. */
const written = (path: Path) =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${k}`)).join('');

const exports = fc.record({
  list: users,
  shape: fc.constantFrom<Shape>('page', 'pages', 'bare'),
});
const asDocument = exports.map(({ list, shape }) =>
  documentOf(list, shape, (d) => d.toISOString()),
);

/** What breaks a user: each field's wrong types and wrong values. */
const wrongUser = (prefix: Path) => [
  { path: [...prefix, 'Username'], wrong: fc.oneof(notText, fc.constant('')) },
  { path: [...prefix, 'Enabled'], wrong: fc.oneof(notBoolean, fc.constant(undefined)) },
  { path: [...prefix, 'Attributes'], wrong: notList },
  {
    path: [...prefix, 'Attributes', 0],
    wrong: fc.oneof(fc.string(), fc.integer(), fc.constant({})),
  },
  { path: [...prefix, 'UserStatus'], wrong: fc.oneof(fc.integer(), fc.boolean()) },
  {
    path: [...prefix, 'UserCreateDate'],
    wrong: fc.oneof(
      fc.constantFrom('last week', '', 'yesterday', '2024-13-45'),
      // Epoch milliseconds: above 1e11 (seconds of the year 5138) they cannot be seconds.
      fc.double({ min: 1e11, minExcluded: true, max: 1e15, noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    ),
  },
];

describe('list-users file properties', () => {
  it('any JSON, or an export with any field swapped: an answer, never a crash; an accepted export holds valid, distinct users', () => {
    check(hostile(asDocument), (document) => {
      const read = readListUsersExport(document, POOL);
      if (!read.ok) {
        expect(read.problem).toMatch(/^\S.*: \S/);
        return;
      }
      const names = read.users.map((u) => u.Username);
      expect(new Set(names).size).toBe(names.length);
      for (const u of read.users) {
        expect(u.Username.length).toBeGreaterThan(0);
        expect(typeof u.Enabled).toBe('boolean');
        expect(typeof u.UserStatus).toBe('string');
        for (const a of u.Attributes) expect(typeof a.Name).toBe('string');
        if (u.UserCreateDate) expect(Number.isNaN(u.UserCreateDate.getTime())).toBe(false);
      }
    });
  });

  it('a valid export with one field broken is refused, naming that field', () => {
    const broken = exports.chain(({ list, shape }) =>
      fc.nat({ max: list.length - 1 }).chain((i) => {
        // A user without Attributes has no first attribute to break.
        const rules = wrongUser(userPath(shape, list.length, i)).filter(
          (rule) => rule.path.at(-1) !== 0 || (list[i]?.Attributes.length ?? 0) > 0,
        );
        return oneFieldWrong(fc.constant(documentOf(list, shape, (d) => d.toISOString())), rules);
      }),
    );
    check(broken, ({ value, path }) => {
      const read = readListUsersExport(value, POOL);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.problem.startsWith(written(path))).toBe(true);
    });
  });

  it('the same user twice is refused, naming both places', () => {
    check(
      exports.chain(({ list, shape }) =>
        fc.nat({ max: list.length - 1 }).map((i) => ({ list, shape, i })),
      ),
      ({ list, shape, i }) => {
        const twice = [...list, list[i] as CognitoUser];
        const read = readListUsersExport(
          documentOf(twice, shape, (d) => d.toISOString()),
          POOL,
        );
        expect(read.ok).toBe(false);
        if (!read.ok) expect(read.problem).toContain('duplicate account');
      },
    );
  });

  it('written as the AWS CLI writes it (ISO dates or epoch seconds), an export reads back as the same users', () => {
    const dates = fc.constantFrom(
      (d: Date) => d.toISOString(),
      (d: Date) => d.getTime() / 1000,
    );
    check(fc.tuple(exports, dates), ([{ list, shape }, date]) => {
      const file = JSON.parse(JSON.stringify(documentOf(list, shape, date)));
      expect(readListUsersExport(file, POOL)).toEqual({ ok: true, users: list });
    });
  });
});

describe('list-users files as --accounts-from reads them', () => {
  const directory = mkdtempSync(join(tmpdir(), 'warden-list-users-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('any bytes in the file: the users, or a CliError naming the file', () => {
    const file = join(directory, 'accounts.json');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      asDocument.map((d) => new TextEncoder().encode(JSON.stringify(d))),
      fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
    );
    check(bytes, (content) => {
      writeFileSync(file, content);
      try {
        expect(loadAccountsFile(file, POOL, false).users.length).toBeGreaterThanOrEqual(0);
      } catch (error) {
        expect(error).toBeInstanceOf(CliError);
        expect((error as CliError).message.startsWith(`${file}: `)).toBe(true);
      }
    });
  });
});
