import {
  type CognitoIdentityProviderClient,
  paginateListUsers,
} from '@aws-sdk/client-cognito-identity-provider';

/** Each account of a pool and what a change by Warden would alter: enabled, status, attributes. */
export async function accountStates(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  for await (const page of paginateListUsers({ client: cognito }, { UserPoolId: userPoolId })) {
    for (const user of page.Users ?? []) {
      const attributes = (user.Attributes ?? [])
        .map((a) => `${a.Name}=${a.Value}`)
        .sort()
        .join(';');
      states.set(user.Username as string, `${user.Enabled}|${user.UserStatus}|${attributes}`);
    }
  }
  return states;
}

/** Usernames whose state differs between two readings, or that appeared or vanished. */
export function changedAccounts(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
