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

  it('treats an empty slot as free', () => {
    expect(fencedLambdaConfig({ PreAuthentication: '' }, TRIGGERS)).toEqual({ config: TRIGGERS });
  });

  it('leaves a slot someone else took since the attach, and drops slots the pool never had', () => {
    const since = { ...TRIGGERS, PreAuthentication: 'arn:someone-since' };
    expect(restoredLambdaConfig(since, { PreAuthentication: 'arn:old' }, TRIGGERS)).toStrictEqual({
      PreAuthentication: 'arn:someone-since',
    });
  });

  it("brings back the pool's V2 pre-token configuration unless another has been set since", () => {
    const v2 = { LambdaArn: 'arn:old-token', LambdaVersion: 'V2_0' };
    expect(
      restoredLambdaConfig(TRIGGERS, { PreTokenGenerationConfig: v2 }, TRIGGERS),
    ).toStrictEqual({ PreTokenGenerationConfig: v2 });
    const since = { LambdaArn: 'arn:new-token', LambdaVersion: 'V2_0' };
    expect(
      restoredLambdaConfig(
        { ...TRIGGERS, PreTokenGenerationConfig: since },
        { PreTokenGenerationConfig: v2 },
        TRIGGERS,
      ),
    ).toStrictEqual({ PreTokenGenerationConfig: since });
    expect(restoredLambdaConfig(TRIGGERS, {}, TRIGGERS)).toStrictEqual({});
  });

  it.each([
    'ALLOW_USER_PASSWORD_AUTH',
    'ALLOW_USER_SRP_AUTH',
    'ALLOW_CUSTOM_AUTH',
    'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    'ALLOW_USER_AUTH',
    'ADMIN_NO_SRP_AUTH',
    'CUSTOM_AUTH_FLOW_ONLY',
    'USER_PASSWORD_AUTH',
  ])('counts a client with %s, beside the refresh flow, as signing people in', (flow) => {
    expect(
      signsPeopleIn({
        clientId: 'c',
        explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', flow],
        oauthFlows: [],
      }),
    ).toBe(true);
  });

  it.each([
    [['code'], true],
    [['client_credentials', 'implicit'], true],
    [['client_credentials'], false],
    [[], false],
  ])('counts a client with OAuth flows %j as signing people in: %s', (oauthFlows, signsIn) => {
    expect(signsPeopleIn({ clientId: 'c', explicitAuthFlows: [], oauthFlows })).toBe(signsIn);
  });

  it('finds the gateway client wherever it is listed and names every extra flow', () => {
    const other = { clientId: 'other', explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'], oauthFlows: [] };
    expect(clientProblems([other, gateway], 'gw', [{ clientId: 'other' }])).toEqual([]);
    expect(
      clientProblems(
        [
          {
            ...gateway,
            explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'],
            oauthFlows: ['code', 'implicit'],
          },
        ],
        'gw',
        [],
      ),
    ).toEqual([
      'the gateway client allows other flows: ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH',
      'the gateway client has OAuth flows: code, implicit',
    ]);
  });

  it("refuses a gateway client left at Cognito's default token lifetimes, and accepts exactly 15 minutes", () => {
    const { accessTokenMinutes: _a, idTokenMinutes: _i, ...defaults } = gateway;
    expect(clientProblems([defaults], 'gw', [])).toEqual([
      "the gateway client's access tokens last the default 60 minutes; at most 15",
      "the gateway client's ID tokens last the default 60 minutes; at most 15",
    ]);
    expect(clientProblems([{ ...gateway, idTokenMinutes: 16 }], 'gw', [])).toEqual([
      "the gateway client's ID tokens last 16 minutes; at most 15",
    ]);
  });

  it('names an unfenced client without a name by its id alone', () => {
    const legacy = {
      clientId: 'legacy',
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      oauthFlows: [],
    };
    expect(clientProblems([gateway, legacy], 'gw', [])).toEqual([
      'app client legacy can sign people in around the fence; remove its sign-in flows or name it in geo.unfencedClients with a reason',
    ]);
  });
});
