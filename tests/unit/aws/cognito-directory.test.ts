import {
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CognitoDirectory } from '../../../functions/aws/cognito-directory.js';
import { fault } from '../fakes/aws-mocks.js';
import { account } from '../fakes/builders.js';

const POOL = 'us-east-1_Press';
const cognito = mockClient(CognitoIdentityProviderClient);
const directory = new CognitoDirectory(new CognitoIdentityProviderClient({ region: 'us-east-1' }), {
  userPoolId: POOL,
  correlationAttribute: 'custom:employee_id',
  segments: 1,
  userListSlotMs: 35,
});

const user = (Username: string, attributes: Record<string, string> = {}): UserType => ({
  Username,
  Enabled: true,
  UserStatus: 'CONFIRMED',
  UserCreateDate: new Date('2024-01-15T00:00:00Z'),
  Attributes: Object.entries({ sub: `sub-${Username}`, ...attributes }).map(([Name, Value]) => ({
    Name,
    Value,
  })),
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

beforeEach(() => cognito.reset());

describe('Cognito user pool as an account directory', () => {
  it('lists every account of the pool, page by page', async () => {
    cognito
      .on(ListUsersCommand)
      .resolvesOnce({ Users: [user('ana'), user('ben')], PaginationToken: 'page-2' })
      .resolvesOnce({ Users: [user('cruz')] });
    const accounts = await collect(directory.listAccounts());
    expect(accounts.map((a) => a.username)).toEqual(['ana', 'ben', 'cruz']);
    expect(cognito.commandCalls(ListUsersCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, Limit: 60, PaginationToken: undefined },
      { UserPoolId: POOL, Limit: 60, PaginationToken: 'page-2' },
    ]);
  });

  it('reads each user as an account: sub, email, whether it is verified, and the employee id', async () => {
    cognito.on(ListUsersCommand).resolves({
      Users: [
        user('ana', {
          email: 'ana@x.org',
          email_verified: 'true',
          'custom:employee_id': ' E1 ',
        }),
        { Username: 'ops', Enabled: false, UserStatus: 'FORCE_CHANGE_PASSWORD' },
      ],
    });
    expect(await collect(directory.listAccounts())).toEqual([
      {
        source: POOL,
        username: 'ana',
        sub: 'sub-ana',
        enabled: true,
        status: 'CONFIRMED',
        email: 'ana@x.org',
        emailVerified: true,
        employeeId: 'E1',
        createdAt: new Date('2024-01-15T00:00:00Z'),
      },
      {
        source: POOL,
        username: 'ops',
        sub: undefined,
        enabled: false,
        status: 'FORCE_CHANGE_PASSWORD',
        email: undefined,
        emailVerified: false,
        employeeId: undefined,
        createdAt: undefined,
      },
    ]);
  });

  it('lists the members of a group, page by page', async () => {
    cognito
      .on(ListUsersInGroupCommand)
      .resolvesOnce({ Users: [user('ana')], NextToken: 'next' })
      .resolvesOnce({ Users: [user('eli')] });
    expect(await collect(directory.groupMembers('press-admins'))).toEqual(['ana', 'eli']);
    expect(cognito.commandCalls(ListUsersInGroupCommand)[1]?.args[0].input).toEqual({
      UserPoolId: POOL,
      GroupName: 'press-admins',
      Limit: 60,
      NextToken: 'next',
    });
  });

  it('signs the account out everywhere first, then disables it', async () => {
    const order: string[] = [];
    cognito.on(AdminUserGlobalSignOutCommand).callsFake(() => order.push('sign-out'));
    cognito.on(AdminDisableUserCommand).callsFake(() => order.push('disable'));
    await directory.disable(account('ben'));
    expect(order).toEqual(['sign-out', 'disable']);
    const target = { UserPoolId: POOL, Username: 'ben' };
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)[0]?.args[0].input).toEqual(target);
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]?.args[0].input).toEqual(target);
  });

  it('leaves the account enabled when the sign-out fails, so the next run repeats both', async () => {
    cognito.on(AdminUserGlobalSignOutCommand).rejects(fault('TooManyRequestsException'));
    await expect(directory.disable(account('ben'))).rejects.toThrow('throttled');
    expect(cognito.commandCalls(AdminDisableUserCommand)).toEqual([]);
  });
});
