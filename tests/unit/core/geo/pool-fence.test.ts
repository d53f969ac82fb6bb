import { describe, expect, it } from 'vitest';
import {
  clientProblems,
  fencedLambdaConfig,
  restoredLambdaConfig,
  signsPeopleIn,
} from '../../../../functions/core/geo/pool-fence.js';

const TRIGGERS = {
  PreAuthentication: 'arn:w:pre',
  DefineAuthChallenge: 'arn:w:define',
  CreateAuthChallenge: 'arn:w:create',
  VerifyAuthChallengeResponse: 'arn:w:verify',
  PreTokenGeneration: 'arn:w:token',
};
const gateway = {
  clientId: 'gw',
  explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  oauthFlows: [],
  accessTokenMinutes: 15,
  idTokenMinutes: 15,
};

describe('the pool fence', () => {
  it("fills Warden's slots and keeps the pool's other triggers", () => {
    expect(fencedLambdaConfig({ PostConfirmation: 'arn:theirs' }, TRIGGERS)).toEqual({
      config: { PostConfirmation: 'arn:theirs', ...TRIGGERS },
    });
  });

  it('never takes a slot another function holds, naming it, but replaces its own earlier triggers', () => {
    expect(fencedLambdaConfig({ PreAuthentication: 'arn:theirs' }, TRIGGERS)).toEqual({
      problems: ['trigger slot PreAuthentication is held by another function (arn:theirs)'],
    });
    expect(
      fencedLambdaConfig(
        { PreTokenGenerationConfig: { LambdaArn: 'arn:theirs', LambdaVersion: 'V2_0' } },
        TRIGGERS,
      ),
    ).toMatchObject({
      problems: [expect.stringContaining('PreTokenGenerationConfig')],
    });
    expect(
      'config' in fencedLambdaConfig({ PreAuthentication: 'arn:w:old' }, TRIGGERS, ['arn:w:old']),
    ).toBe(true);
  });

  it('puts back what the pool had, and only where Warden was', () => {
    const attached = {
      PostConfirmation: 'arn:theirs',
      ...TRIGGERS,
      CustomMessage: 'arn:added-since',
    };
    expect(
      restoredLambdaConfig(
        attached,
        { PostConfirmation: 'arn:theirs', PreTokenGeneration: 'arn:old-token' },
        TRIGGERS,
      ),
    ).toEqual({
      PostConfirmation: 'arn:theirs',
      PreTokenGeneration: 'arn:old-token',
      CustomMessage: 'arn:added-since',
    });
  });

  it('refuses other clients that sign people in unless named, and a gateway client with more than it needs', () => {
    const m2m = {
      clientId: 'm2m',
      explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      oauthFlows: ['client_credentials'],
    };
    const web = { clientId: 'web', name: 'web app', explicitAuthFlows: [], oauthFlows: ['code'] };
    const legacy = {
      clientId: 'legacy',
      explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      oauthFlows: [],
    };
    expect(signsPeopleIn(m2m)).toBe(false);
    expect(clientProblems([gateway, m2m], 'gw', [])).toEqual([]);
    expect(clientProblems([gateway, web, legacy], 'gw', [{ clientId: 'legacy' }])).toEqual([
      expect.stringContaining('app client web (web app) can sign people in around the fence'),
    ]);
    expect(
      clientProblems(
        [
          {
            ...gateway,
            explicitAuthFlows: [...gateway.explicitAuthFlows, 'ALLOW_USER_SRP_AUTH'],
            oauthFlows: ['implicit'],
            accessTokenMinutes: 60,
          },
        ],
        'gw',
        [],
      ),
    ).toEqual([
      'the gateway client allows other flows: ALLOW_USER_SRP_AUTH',
      'the gateway client has OAuth flows: implicit',
      "the gateway client's access tokens last 60 minutes; at most 15",
    ]);
    expect(clientProblems([], 'gw', [])).toEqual([
      'the gateway client gw is not an app client of the pool',
    ]);
  });
});
