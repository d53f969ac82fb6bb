import {
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CognitoGroupReader } from '../../../functions/aws/cognito-group-reader.js';

const cognito = mockClient(CognitoIdentityProviderClient);
const reader = new CognitoGroupReader(new CognitoIdentityProviderClient({ region: 'us-east-1' }));

beforeEach(() => cognito.reset());

describe('Cognito group reader', () => {
  it('reads every group of a user, page by page', async () => {
    cognito
      .on(AdminListGroupsForUserCommand)
      .resolvesOnce({ Groups: [{ GroupName: 'press-admins' }], NextToken: 'next' })
      .resolvesOnce({ Groups: [{ GroupName: 'correspondents' }] });
    expect(await reader.groupsOf('us-east-1_Press', 'ana')).toEqual([
      'press-admins',
      'correspondents',
    ]);
    expect(cognito.commandCalls(AdminListGroupsForUserCommand).map((c) => c.args[0].input)).toEqual(
      [
        { UserPoolId: 'us-east-1_Press', Username: 'ana', Limit: 60, NextToken: undefined },
        { UserPoolId: 'us-east-1_Press', Username: 'ana', Limit: 60, NextToken: 'next' },
      ],
    );
  });

  it('gives no groups for a user in none', async () => {
    cognito.on(AdminListGroupsForUserCommand).resolves({});
    expect(await reader.groupsOf('us-east-1_Press', 'ana')).toEqual([]);
  });
});
