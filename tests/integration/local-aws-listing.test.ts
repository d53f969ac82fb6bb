// The local AWS serves ListUsers pages from the token's position (decision 0044): pages must
// still hold every user once, in order, after users come and go between pages.
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUsersCommand,
  type ListUsersCommandInput,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeEach, describe, expect, it } from 'vitest';
import { localWarden } from './local-aws.js';

let cognito: CognitoIdentityProviderClient;
let UserPoolId: string;

const create = (username: string) =>
  cognito.send(
    new AdminCreateUserCommand({
      UserPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: `${username}@example.org` }],
    }),
  );

beforeEach(async () => {
  cognito ??= (await localWarden()).cognito;
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'listing' }));
  UserPoolId = pool.UserPool?.Id as string;
  for (let i = 0; i < 25; i++) await create(`user${i}`);
});

const page = (input: Omit<ListUsersCommandInput, 'UserPoolId'>) =>
  cognito.send(new ListUsersCommand({ UserPoolId, ...input }));

async function listAll(input: Omit<ListUsersCommandInput, 'UserPoolId'> = {}) {
  const users: UserType[] = [];
  let token = input.PaginationToken;
  do {
    const answer = await page({ ...input, PaginationToken: token });
    users.push(...(answer.Users ?? []));
    token = answer.PaginationToken;
  } while (token);
  return users;
}

const names = (users: UserType[]) => users.map((u) => u.Username);
const attribute = (user: UserType, name: string) =>
  user.Attributes?.find((a) => a.Name === name)?.Value;
const created = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `user${from + i}`);

describe('ListUsers on the local AWS', () => {
  it('lists every user once, in order of creation, with what Cognito returns', async () => {
    await cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: 'user3' }));
    const users = await listAll({ Limit: 7 });
    expect(names(users)).toEqual(created(0, 25));
    const user3 = users[3] as UserType;
    expect(user3).toMatchObject({ Username: 'user3', Enabled: false, MFAOptions: [] });
    expect(user3.UserStatus).toBeTypeOf('string');
    expect(user3.UserCreateDate).toBeInstanceOf(Date);
    expect(user3.UserLastModifiedDate).toBeInstanceOf(Date);
    expect(attribute(user3, 'email')).toBe('user3@example.org');
    expect(attribute(user3, 'sub')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('pages a filter: every user whose sub has the prefix, and the prefixes cover the pool', async () => {
    const all = await listAll();
    const listed: string[] = [];
    for (const prefix of '0123456789abcdef') {
      const users = await listAll({ Limit: 2, Filter: `sub ^= "${prefix}"` });
      expect(users.every((u) => attribute(u, 'sub')?.startsWith(prefix))).toBe(true);
      listed.push(...names(users).map(String));
    }
    expect(listed.sort()).toEqual(names(all).map(String).sort());
    expect(names(await listAll({ Filter: 'status = "Enabled"' }))).toHaveLength(25);
  });

  it('resumes a token after users were added and removed', async () => {
    const first = await page({ Limit: 10 });
    expect(names(first.Users ?? [])).toEqual(created(0, 10));
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: 'user15' }));
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: 'user2' }));
    await create('late');
    const rest = await listAll({ Limit: 10, PaginationToken: first.PaginationToken });
    expect(names(rest)).toEqual([...created(10, 25).filter((n) => n !== 'user15'), 'late']);
  });

  it('returns only the attributes asked for', async () => {
    const [user] = (await page({ Limit: 1, AttributesToGet: ['email'] })).Users ?? [];
    expect(user?.Attributes).toEqual([{ Name: 'email', Value: 'user0@example.org' }]);
  });

  it('refuses a malformed filter and a token of no user', async () => {
    await expect(page({ Filter: 'email is someone' })).rejects.toThrow(/parsing filter/);
    await expect(page({ Filter: 'locale = "en"' })).rejects.toThrow(/Invalid search attribute/);
    await expect(page({ PaginationToken: 'not-a-token' })).rejects.toThrow(/token/i);
  });
});
