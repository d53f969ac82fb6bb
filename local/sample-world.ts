import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminAddUserToGroupCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import type { CognitoUser } from '../functions/aws/cognito-user.js';
import { readListUsersExport } from '../functions/aws/list-users-export.js';

export const SAMPLES = fileURLToPath(new URL('./samples/', import.meta.url));
export const sample = (name: string) => join(SAMPLES, name);

export type SampleUser = CognitoUser;

/** Users from a complete `list-users` JSON file; undefined if it is not one. */
export function usersFromListUsersJson(document: unknown): SampleUser[] | undefined {
  const read = readListUsersExport(document, 'sample');
  return read.ok && !read.incomplete ? read.users : undefined;
}

const groupsSchema = z.record(z.string(), z.array(z.string()));

/** Puts the sample users into the sample groups (`groups.json`: group -> usernames). */
export async function seedSampleGroups(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
): Promise<void> {
  const groups = groupsSchema.parse(JSON.parse(readFileSync(sample('groups.json'), 'utf8')));
  for (const [group, usernames] of Object.entries(groups)) {
    for (const username of usernames) {
      await cognito.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: userPoolId,
          Username: username,
          GroupName: group,
        }),
      );
    }
  }
}
