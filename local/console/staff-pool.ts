import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AssociateSoftwareTokenCommand,
  CodeMismatchException,
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { STAFF_ROLES, type StaffRole } from '../../functions/core/console/roles.js';
import { setPassword } from '../seed.js';
import { answerWithCurrentCode } from './authenticator-code.js';

/** The local staff pool: one sign-in per role, each enrolled in TOTP. */
export interface LocalStaffPool {
  userPoolId: string;
  clientId: string;
  users: { username: string; password: string; role: StaffRole }[];
  /** The authenticator secret (base32) of every local staff user: the emulator has only one. */
  totpSecret: string;
}

/**
 * Creates the staff pool as the stack does (TOTP required, the three role groups, a public app
 * client) and one staff member per role, each with a random password and an authenticator
 * enrolled through the same calls a person's first sign-in makes (AssociateSoftwareToken,
 * VerifySoftwareToken, SetUserMFAPreference).
 */
export async function createLocalStaffPool(
  cognito: CognitoIdentityProviderClient,
  name: string,
): Promise<LocalStaffPool> {
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: `${name}-staff`,
      MfaConfiguration: 'ON',
      UserPoolAddOns: undefined,
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    }),
  );
  const userPoolId = UserPool?.Id as string;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: `${name}-console`,
      GenerateSecret: false,
      // The local sign-in stand-in signs in with the password, then the code (see decision 0022).
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = UserPoolClient?.ClientId as string;
  for (const role of STAFF_ROLES) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }));
  }
  let totpSecret = '';
  const users: LocalStaffPool['users'] = [];
  for (const role of STAFF_ROLES) {
    const username = `${role}.local`;
    const password = `Local-${randomBytes(9).toString('base64url')}-9a`;
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: username,
        MessageAction: 'SUPPRESS',
      }),
    );
    await setPassword(cognito, userPoolId, username, password);
    await cognito.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: userPoolId,
        Username: username,
        GroupName: role,
      }),
    );
    totpSecret = await enrolAuthenticator(cognito, clientId, username, password);
    users.push({ username, password, role });
  }
  return { userPoolId, clientId, users, totpSecret };
}

async function enrolAuthenticator(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  username: string,
  password: string,
): Promise<string> {
  // The emulator lets an unenrolled user sign in with the password alone; AWS would ask for
  // MFA_SETUP instead. Either way the enrolment below is what the person does next.
  const signedIn = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const accessToken = signedIn.AuthenticationResult?.AccessToken as string;
  const { SecretCode } = await cognito.send(
    new AssociateSoftwareTokenCommand({ AccessToken: accessToken }),
  );
  const secret = SecretCode as string;
  const verified = await answerWithCurrentCode(secret, (code) =>
    cognito
      .send(
        new VerifySoftwareTokenCommand({
          AccessToken: accessToken,
          UserCode: code,
          FriendlyDeviceName: 'local authenticator',
        }),
      )
      .then(
        () => true,
        (error: unknown) => {
          if (error instanceof CodeMismatchException) return false;
          throw error;
        },
      ),
  );
  if (!verified) throw new Error(`the authenticator code of ${username} was refused`);
  await cognito.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  return secret;
}
