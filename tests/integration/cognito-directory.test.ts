import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { cognitoClient } from '../../functions/aws/clients/cognito.js';
import { CognitoDirectory } from '../../functions/aws/cognito-directory.js';
import type { Account } from '../../functions/core/account.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { setPassword } from '../../local/seed.js';
import { localWarden } from './local-aws.js';

const PASSWORD = 'Correct-horse-9-battery!';
let warden: LocalWarden;
let directory: CognitoDirectory;

beforeAll(async () => {
  warden = await localWarden();
  const pool = warden.resources.userPoolId;
  for (let i = 0; i < 130; i++) {
    const attributes = [{ Name: 'email', Value: `User${i}@Example.org` }];
    if (i % 10 !== 0) attributes.push({ Name: 'custom:employee_id', Value: `E${i}` });
    await warden.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: `user${i}`,
        MessageAction: 'SUPPRESS',
        UserAttributes: attributes,
      }),
    );
  }
  directory = listingIn(16);
});

const listingIn = (segments: 1 | 16) =>
  new CognitoDirectory(cognitoClient(), {
    userPoolId: warden.resources.userPoolId,
    correlationAttribute: 'custom:employee_id',
    segments,
    userListSlotMs: 1000 / 28.5,
  });

async function listAll(from = directory): Promise<Account[]> {
  const accounts: Account[] = [];
  for await (const a of from.listAccounts()) accounts.push(a);
  return accounts;
}

const signIn = (username: string) =>
  warden.cognito.send(
    new InitiateAuthCommand({
      ClientId: warden.resources.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  );

describe('Cognito directory adapter', () => {
  it('streams every user across several pages of 60, each exactly once, with attributes mapped', async () => {
    const accounts = await listAll();
    expect(accounts).toHaveLength(130);
    expect(new Set(accounts.map((a) => a.username)).size).toBe(130);
    const user7 = accounts.find((a) => a.username === 'user7');
    expect(user7).toMatchObject({
      source: warden.resources.userPoolId,
      enabled: true,
      employeeId: 'E7',
      email: 'User7@Example.org',
    });
    expect(user7?.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(accounts.find((a) => a.username === 'user10')?.employeeId).toBeUndefined();
  });

  it('lists the same users in one stream as in 16', async () => {
    const usernames = async (segments: 1 | 16) =>
      (await listAll(listingIn(segments))).map((a) => a.username).sort();
    expect(await usernames(1)).toEqual(await usernames(16));
    expect(await usernames(1)).toHaveLength(130);
  });

  it('disable ends sessions and stops a password sign-in; repeating it is harmless', async () => {
    await setPassword(warden.cognito, warden.resources.userPoolId, 'user1', PASSWORD);
    const before = await signIn('user1');
    expect(before.AuthenticationResult?.RefreshToken).toBeTruthy();

    const target = (await listAll()).find((a) => a.username === 'user1') as Account;
    await directory.disable(target);
    await directory.disable(target);

    await expect(signIn('user1')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(
      warden.cognito.send(
        new InitiateAuthCommand({
          ClientId: warden.resources.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: before.AuthenticationResult?.RefreshToken as string },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const user = await warden.cognito.send(
      new AdminGetUserCommand({ UserPoolId: warden.resources.userPoolId, Username: 'user1' }),
    );
    expect(user.Enabled).toBe(false);
    expect((await listAll()).find((a) => a.username === 'user1')?.enabled).toBe(false);
  });

  it('leaves other accounts able to sign in', async () => {
    await setPassword(warden.cognito, warden.resources.userPoolId, 'user2', PASSWORD);
    expect((await signIn('user2')).AuthenticationResult).toBeTruthy();
  });
});
