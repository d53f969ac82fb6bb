import { describe, expect, it } from 'vitest';
import {
  clientProblems,
  fencedLambdaConfig,
  restoredLambdaConfig,
  signsPeopleIn,
} from '../../../../functions/core/geo/pool-fence.js';
import { FENCE_TRIGGERS, FENCED_GATEWAY } from '../../fakes/memory-geo.js';

describe('the pool fence', () => {
  it("fills Warden's slots and keeps the pool's other triggers", () => {
    expect(fencedLambdaConfig({ PostConfirmation: 'arn:theirs' }, FENCE_TRIGGERS)).toEqual({
      config: { PostConfirmation: 'arn:theirs', ...FENCE_TRIGGERS },
    });
  });

  it('never takes a slot another function holds, naming it, but replaces its own earlier triggers', () => {
    expect(fencedLambdaConfig({ PreAuthentication: 'arn:theirs' }, FENCE_TRIGGERS)).toEqual({
      problems: ['trigger slot PreAuthentication is held by another function (arn:theirs)'],
    });
    expect(
      fencedLambdaConfig(
        { PreTokenGenerationConfig: { LambdaArn: 'arn:theirs', LambdaVersion: 'V2_0' } },
        FENCE_TRIGGERS,
      ),
    ).toMatchObject({
      problems: [expect.stringContaining('PreTokenGenerationConfig')],
    });
    expect(
      'config' in
        fencedLambdaConfig({ PreAuthentication: 'arn:w:old' }, FENCE_TRIGGERS, ['arn:w:old']),
    ).toBe(true);
  });

  it('puts back what the pool had, and only where Warden was', () => {
    const attached = {
      PostConfirmation: 'arn:theirs',
      ...FENCE_TRIGGERS,
      CustomMessage: 'arn:added-since',
    };
    expect(
      restoredLambdaConfig(
        attached,
        { PostConfirmation: 'arn:theirs', PreTokenGeneration: 'arn:old-token' },
        FENCE_TRIGGERS,
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
    expect(clientProblems([FENCED_GATEWAY, m2m], 'gw', [])).toEqual([]);
    expect(clientProblems([FENCED_GATEWAY, web, legacy], 'gw', [{ clientId: 'legacy' }])).toEqual([
      expect.stringContaining('app client web (web app) can sign people in around the fence'),
    ]);
    expect(
      clientProblems(
        [
          {
            ...FENCED_GATEWAY,
            explicitAuthFlows: [...FENCED_GATEWAY.explicitAuthFlows, 'ALLOW_USER_SRP_AUTH'],
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
    expect(fencedLambdaConfig({ PreAuthentication: '' }, FENCE_TRIGGERS)).toEqual({
      config: FENCE_TRIGGERS,
    });
  });

  it('leaves a slot someone else took since the attach, and drops slots the pool never had', () => {
    const since = { ...FENCE_TRIGGERS, PreAuthentication: 'arn:someone-since' };
    expect(
      restoredLambdaConfig(since, { PreAuthentication: 'arn:old' }, FENCE_TRIGGERS),
    ).toStrictEqual({
      PreAuthentication: 'arn:someone-since',
    });
  });

  it("brings back the pool's V2 pre-token configuration unless another has been set since", () => {
    const v2 = { LambdaArn: 'arn:old-token', LambdaVersion: 'V2_0' };
    expect(
      restoredLambdaConfig(FENCE_TRIGGERS, { PreTokenGenerationConfig: v2 }, FENCE_TRIGGERS),
    ).toStrictEqual({ PreTokenGenerationConfig: v2 });
    const since = { LambdaArn: 'arn:new-token', LambdaVersion: 'V2_0' };
    expect(
      restoredLambdaConfig(
        { ...FENCE_TRIGGERS, PreTokenGenerationConfig: since },
        { PreTokenGenerationConfig: v2 },
        FENCE_TRIGGERS,
      ),
    ).toStrictEqual({ PreTokenGenerationConfig: since });
    expect(restoredLambdaConfig(FENCE_TRIGGERS, {}, FENCE_TRIGGERS)).toStrictEqual({});
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
    expect(clientProblems([other, FENCED_GATEWAY], 'gw', [{ clientId: 'other' }])).toEqual([]);
    expect(
      clientProblems(
        [
          {
            ...FENCED_GATEWAY,
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
    const { accessTokenMinutes: _a, idTokenMinutes: _i, ...defaults } = FENCED_GATEWAY;
    expect(clientProblems([defaults], 'gw', [])).toEqual([
      "the gateway client's access tokens last the default 60 minutes; at most 15",
      "the gateway client's ID tokens last the default 60 minutes; at most 15",
    ]);
    expect(clientProblems([{ ...FENCED_GATEWAY, idTokenMinutes: 16 }], 'gw', [])).toEqual([
      "the gateway client's ID tokens last 16 minutes; at most 15",
    ]);
  });

  it('names an unfenced client without a name by its id alone', () => {
    const legacy = {
      clientId: 'legacy',
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      oauthFlows: [],
    };
    expect(clientProblems([FENCED_GATEWAY, legacy], 'gw', [])).toEqual([
      'app client legacy can sign people in around the fence; remove its sign-in flows or name it in geo.unfencedClients with a reason',
    ]);
  });
});
