import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  type ExplicitAuthFlowsType,
  SetUserPoolMfaConfigCommand,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { CognitoUserPools } from '../../functions/aws/cognito-user-pools.js';
import { DynamoFenceMemory } from '../../functions/aws/dynamo/fence-memory.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { SILENT_LOG } from '../../functions/core/shared/event-log.js';
import { createPoolFenceHandler } from '../../functions/pool-fence/create-handler.js';
import type { FenceResponse } from '../../functions/pool-fence/fence-event.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { localWarden } from './local-aws.js';

const arn = (name: string) => `arn:aws:lambda:us-east-1:111122223333:function:${name}`;
const TRIGGERS = {
  PreAuthentication: arn('warden-pre-authentication'),
  DefineAuthChallenge: arn('warden-define'),
  CreateAuthChallenge: arn('warden-create'),
  VerifyAuthChallengeResponse: arn('warden-verify'),
  PreTokenGeneration: arn('warden-pre-token'),
};
const THEIR_TRIGGER = arn('their-post-confirmation');

let warden: LocalWarden;
let userPoolId: string;
let gatewayClientId: string;
let passwordClientId: string;
let responses: FenceResponse[];
let handle: (event: unknown) => Promise<void>;

/** Every setting of the pool but the trigger configuration and what Cognito stamps itself. */
async function settings(): Promise<Partial<UserPoolType>> {
  const { UserPool } = await warden.cognito.send(
    new DescribeUserPoolCommand({ UserPoolId: userPoolId }),
  );
  const {
    LambdaConfig: _l,
    LastModifiedDate: _m,
    EstimatedNumberOfUsers: _n,
    ...rest
  } = UserPool ?? {};
  return rest;
}
const lambdaConfig = async () =>
  (await warden.cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }))).UserPool
    ?.LambdaConfig;

const event = (
  RequestType: 'Create' | 'Update' | 'Delete',
  props: Record<string, unknown> = {},
) => ({
  RequestType,
  ResponseURL: 'https://cloudformation-custom-resource-response.example/r',
  StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/Warden/1',
  RequestId: `req-${responses.length}`,
  LogicalResourceId: 'PoolFence',
  PhysicalResourceId: RequestType === 'Create' ? undefined : `warden-fence:${userPoolId}`,
  ResourceProperties: {
    ServiceToken: arn('warden-pool-fence'),
    UserPoolId: userPoolId,
    GatewayClientId: gatewayClientId,
    Triggers: TRIGGERS,
    ...props,
  },
});

beforeEach(async () => {
  warden = await localWarden();
  const cognito = warden.cognito;
  const pool = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: 'their-own-pool',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 16,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercase: true,
          RequireLowercase: true,
          TemporaryPasswordValidityDays: 2,
        },
      },
      MfaConfiguration: 'OPTIONAL',
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        SourceArn: 'arn:aws:ses:us-east-1:111122223333:identity/no-reply@their.example',
      },
      Schema: [{ Name: 'badge', AttributeDataType: 'String', Mutable: true }],
      LambdaConfig: { PostConfirmation: THEIR_TRIGGER },
    }),
  );
  userPoolId = pool.UserPool?.Id as string;
  await cognito.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: userPoolId,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: 'OPTIONAL',
    }),
  );
  const client = (name: string, flows: ExplicitAuthFlowsType[]) =>
    cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: name,
        GenerateSecret: true,
        ExplicitAuthFlows: flows,
        AccessTokenValidity: 15,
        IdTokenValidity: 15,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
      }),
    );
  gatewayClientId = (await client('gateway', ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']))
    .UserPoolClient?.ClientId as string;
  passwordClientId = (
    await client('legacy-app', ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'])
  ).UserPoolClient?.ClientId as string;
  responses = [];
  const table = new GovernanceTable(documentClient(), warden.resources.table);
  handle = createPoolFenceHandler(
    () =>
      Promise.resolve({
        pools: new CognitoUserPools(cognito),
        memory: new DynamoFenceMemory(table),
        log: SILENT_LOG,
      }),
    (_url, response) => {
      responses.push(response);
      return Promise.resolve();
    },
  );
});

describe('attaching the fence to a pool the stack does not own', () => {
  it('refuses while another client can sign people in around the fence, and changes nothing', async () => {
    const before = await settings();
    await handle(event('Create'));
    expect(responses.at(-1)).toMatchObject({ Status: 'FAILED' });
    expect(responses.at(-1)?.Reason).toContain(
      `app client ${passwordClientId} (legacy-app) can sign people in`,
    );
    expect(await lambdaConfig()).toEqual({ PostConfirmation: THEIR_TRIGGER });
    expect(await settings()).toEqual(before);
  });

  it('attaches to the five slots, keeps every other setting and trigger, and restores on delete', async () => {
    const before = await settings();
    const unfenced = {
      UnfencedClients: [
        { clientId: passwordClientId, reason: 'Batch job signs in a service account' },
      ],
    };
    await handle(event('Create', unfenced));
    expect(responses.at(-1)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: `warden-fence:${userPoolId}`,
    });
    expect(await lambdaConfig()).toEqual({ ...TRIGGERS, PostConfirmation: THEIR_TRIGGER });
    expect(await settings()).toEqual(before);

    // A redeploy with new trigger versions replaces Warden's own, not "another function".
    const moved = { ...TRIGGERS, PreAuthentication: arn('warden-pre-authentication-v2') };
    await handle({
      ...event('Update', { ...unfenced, Triggers: moved }),
      OldResourceProperties: { Triggers: TRIGGERS },
    });
    expect(responses.at(-1)).toMatchObject({ Status: 'SUCCESS' });
    expect((await lambdaConfig())?.PreAuthentication).toBe(arn('warden-pre-authentication-v2'));

    await handle(event('Delete', { ...unfenced, Triggers: moved }));
    expect(responses.at(-1)).toMatchObject({ Status: 'SUCCESS' });
    expect(await lambdaConfig()).toEqual({ PostConfirmation: THEIR_TRIGGER });
    expect(await settings()).toEqual(before);
  });

  it('never takes a trigger slot another function holds, and names the slot', async () => {
    const cognito = new CognitoUserPools(warden.cognito);
    await cognito.setLambdaConfig(userPoolId, {
      PostConfirmation: THEIR_TRIGGER,
      PreAuthentication: arn('their-pre-auth'),
    });
    await handle(
      event('Create', {
        UnfencedClients: [
          { clientId: passwordClientId, reason: 'Batch job signs in a service account' },
        ],
      }),
    );
    expect(responses.at(-1)?.Status).toBe('FAILED');
    expect(responses.at(-1)?.Reason).toContain(
      'trigger slot PreAuthentication is held by another function',
    );
    expect((await lambdaConfig())?.PreAuthentication).toBe(arn('their-pre-auth'));
  });

  it('deleting a fence that never attached leaves the pool alone', async () => {
    await handle(event('Delete'));
    expect(responses.at(-1)?.Status).toBe('SUCCESS');
    expect(await lambdaConfig()).toEqual({ PostConfirmation: THEIR_TRIGGER });
  });
});
