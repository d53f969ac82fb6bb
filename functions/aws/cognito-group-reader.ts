import {
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { GroupReader } from '../core/geo/ports.js';

/** A user's Cognito groups (trigger events do not carry them before token generation). */
export class CognitoGroupReader implements GroupReader {
  constructor(private readonly client: CognitoIdentityProviderClient) {}

  async groupsOf(userPoolId: string, username: string): Promise<string[]> {
    const groups: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new AdminListGroupsForUserCommand({
          UserPoolId: userPoolId,
          Username: username,
          Limit: 60,
          NextToken: token,
        }),
      );
      groups.push(...(page.Groups ?? []).map((g) => g.GroupName as string));
      token = page.NextToken;
    } while (token);
    return groups;
  }
}
