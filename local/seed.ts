import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { z } from 'zod';
import type { cognitoUserSchema } from '../functions/aws/cognito-user.js';

type CognitoUser = z.infer<typeof cognitoUserSchema>;

// Attributes Cognito sets itself and refuses on create.
const SYSTEM_ATTRIBUTES = new Set(['sub']);

/** Creates the users (as `list-users` printed them) in a pool, a few at a time. */
export async function seedUsers(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  users: CognitoUser[],
  onProgress: (done: number) => void = () => {},
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < users.length) {
      const user = users[next++] as CognitoUser;
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: user.Username,
          MessageAction: 'SUPPRESS',
          UserAttributes: user.Attributes.filter((a) => !SYSTEM_ATTRIBUTES.has(a.Name)).map(
            (a) => ({
              Name: a.Name,
              Value: a.Value ?? '',
            }),
          ),
        }),
      );
      if (!user.Enabled) {
        await cognito.send(
          new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: user.Username }),
        );
      }
      if (++done % 500 === 0) onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  onProgress(done);
}

export async function setPassword(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  username: string,
  password: string,
): Promise<void> {
  await cognito.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
}

export async function uploadFeed(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string | Uint8Array,
): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

/** A user as `list-users` prints one: enabled and confirmed, with an email and an employee id. */
export function listedUser(username: string, email: string, employeeId?: string): CognitoUser {
  return {
    Username: username,
    Enabled: true,
    UserStatus: 'CONFIRMED',
    Attributes: [
      { Name: 'email', Value: email },
      ...(employeeId ? [{ Name: 'custom:employee_id', Value: employeeId }] : []),
    ],
  };
}
