import {
  AdminListGroupsForUserCommand,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { GroupReader } from '../core/geo/ports.js';

/**
 * A user's Cognito groups (trigger events do not carry them before token generation). Someone
 * who does not exist is in no group: the same call answers for them, so the time a sign-in takes
 * does not tell whether the username exists.
 */
export class CognitoGroupReader implements GroupReader {
  constructor(private readonly client: CognitoIdentityProviderClient) {}

  async groupsOf(userPoolId: string, username: string): Promise<string[]> {
    try {
      return await this.listGroups(userPoolId, username);
    } catch (error) {
      if (error instanceof UserNotFoundException) return [];
      throw error;
    }
  }

  private async listGroups(userPoolId: string, username: string): Promise<string[]> {
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
