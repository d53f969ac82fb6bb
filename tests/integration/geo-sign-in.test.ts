import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { secretsClient } from '../../functions/aws/clients/secrets-manager.js';
import { DynamoAccessEndRegister } from '../../functions/aws/dynamo/access-end-register.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoSignInLog } from '../../functions/aws/dynamo/sign-in-log.js';
import { secretsKeyRing } from '../../functions/aws/secrets-key-ring.js';
import { GEO_CONTEXT_FIELD, signGeoContext } from '../../functions/core/geo/geo-context.js';
import type { SigningKey } from '../../functions/core/geo/key-set.js';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import { lastCodeSentTo, localGateway } from '../../local/local-gateway.js';
import { localTriggers } from '../../local/local-triggers.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { triggerEnvironment } from '../../local/provision.js';
import { sample } from '../../local/sample-world.js';
import { setPassword, uploadFeed } from '../../local/seed.js';
import { localWarden } from './local-aws.js';

const PASSWORD = 'Prensa-2023-Pa55word!';
const SPAIN = '88.1.1.1';
const SPAIN_V6 = '2a02:9000::1';
const MEXICO = '189.203.0.1';
const NORTH_KOREA = '175.45.176.1';
const POLICY = JSON.parse(readFileSync(sample('geo-policy.json'), 'utf8'));

let warden: LocalWarden;
let gateway: ReturnType<typeof localGateway>;
let signIns: DynamoSignInLog;
/**
 * Sign-ins happen a day after the reconciliation run (Ricardo's last day is behind him by then),
 * on a clock that moves a millisecond each time it is read, so that decisions keep their order.
 */
class TickingClock {
  constructor(public current: Date) {}
  now(): Date {
    this.current = new Date(this.current.getTime() + 1);
    return new Date(this.current);
  }
}
let clock: TickingClock;
const email = (user: string) => `${user}@presidencia.example`;

async function createUser(
  username: string,
  employeeId: string,
  options: { verified?: boolean; group?: string } = {},
) {
  const { userPoolId } = warden.resources;
  await warden.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email(username) },
        { Name: 'email_verified', Value: String(options.verified ?? true) },
        { Name: 'custom:employee_id', Value: employeeId },
      ],
    }),
  );
  await setPassword(warden.cognito, userPoolId, username, PASSWORD);
  if (options.group) {
    await warden.cognito.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: userPoolId,
        Username: username,
        GroupName: options.group,
      }),
    );
  }
}

const signIn = (username: string, ip: string, password = PASSWORD) =>
  gateway('/auth/sign-in', { username, password }, ip);
const decisions = async (username: string) =>
  (await signIns.listDecisions(warden.resources.userPoolId, username)).map((d) => [
    d.outcome,
    d.country,
    d.rule,
  ]);
const REFUSED = { status: 401, body: { status: 'refused', message: 'Sign-in failed' } };

/** Signs in from Mexico (password alone), returning the tokens the gateway hands out. */
async function tokensFor(username: string) {
  const response = await signIn(username, MEXICO);
  expect(response.body.status).toBe('signed_in');
  return response.body.tokens as { refreshToken: string; addedClaims: Record<string, string> };
}

beforeAll(async () => {
  warden = await localWarden();
  const { resources } = warden;
  await createUser('ricardo.salazar', 'E10007');
  await createUser('ana.lopez', 'E10020');
  await createUser('luis.ortega', 'E10030', { group: 'press-admins' });
  await createUser('nora.audit', 'E10035', { group: 'press-admins' });
  await createUser('maria.rojas', 'E10040');
  await createUser('sin.correo', 'E10050', { verified: false });
  await createUser('pablo.refresh', 'E10060');
  await createUser('rosa.refresh', 'E10070');
  for (let i = 0; i < 8; i++) await createUser(`staff${i}`, `E2000${i}`);

  // HR says Ricardo leaves within the hour; an applied run records it while his account stays enabled.
  const leavesAt = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const active = [
    'ana.lopez:E10020',
    'luis.ortega:E10030',
    'nora.audit:E10035',
    'maria.rojas:E10040',
    'sin.correo:E10050',
  ];
  const roster = [
    'employee_id,email,display_name,status,last_day',
    `E10007,${email('ricardo.salazar')},Ricardo Salazar,leaver,${leavesAt}`,
    ...[...active, 'pablo.refresh:E10060', 'rosa.refresh:E10070'].map((u) => {
      const [name, id] = u.split(':');
      return `${id},${email(name as string)},,active,`;
    }),
    ...Array.from({ length: 8 }, (_, i) => `E2000${i},${email(`staff${i}`)},,active,`),
  ].join('\n');
  await uploadFeed(warden.s3, resources.feedBucket, DEFAULT_FEED_KEY, roster);
  const run = await warden.invokeReconcile(
    {},
    { accountSources: [{ userPoolId: resources.userPoolId }], dryRun: false },
  );
  expect(run.counts.future_leaver).toBe(1);

  Object.assign(process.env, triggerEnvironment(resources, POLICY));
  clock = new TickingClock(new Date(Date.now() + 86_400_000));
  // Many attempts come from the same test addresses; the throttles have their own tests below.
  gateway = localGateway(warden, { limits: { perAddress: 1000, perUsername: 1000 }, clock });
  signIns = new DynamoSignInLog(new GovernanceTable(documentClient(), resources.table));
});

beforeEach(() => {
  // Each test's calls are a little later than the last's, so contexts and windows never mix.
  clock.current = new Date(clock.current.getTime() + 120_000);
});

describe('geo-fenced sign-in through the gateway and the Cognito triggers', () => {
  it('refuses the former employee from a Spanish address while the account is still enabled', async () => {
    expect(await signIn('ricardo.salazar', SPAIN)).toEqual(REFUSED);
    expect(await signIn('ricardo.salazar', MEXICO)).toEqual(REFUSED);
    expect(await decisions('ricardo.salazar')).toEqual([
      ['denied', 'ES', 'offboarded'],
      ['denied', 'MX', 'offboarded'],
    ]);
  });

  it('makes a current employee from the same Spanish address pass a one-time code sent by email', async () => {
    const first = await signIn('ana.lopez', SPAIN);
    expect(first.body).toMatchObject({
      status: 'code_required',
      destination: 'a***@presidencia.example',
    });
    expect(first.body.tokens).toBeUndefined();
    const code = await lastCodeSentTo(warden.emulator.endpoint, email('ana.lopez'));
    expect(code).toMatch(/^\d{6}$/);

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const retry = await gateway(
      '/auth/respond',
      { session: first.body.session, code: wrong },
      SPAIN,
    );
    expect(retry.body.status).toBe('code_required');
    expect(await lastCodeSentTo(warden.emulator.endpoint, email('ana.lopez'))).toBe(code);

    const done = await gateway('/auth/respond', { session: retry.body.session, code }, SPAIN);
    expect(done.body.status).toBe('signed_in');
    expect(done.body.tokens.idToken).toBeTruthy();
    expect(done.body.tokens.addedClaims).toEqual({ geo_country: 'ES', geo_decision: 'mfa_passed' });
    expect(await decisions('ana.lopez')).toEqual([
      ['step_up_required', 'ES', 'default'],
      ['step_up_failed', 'ES', 'one-time code'],
      ['step_up_passed', 'ES', 'one-time code'],
    ]);
  });

  it('lets the same employee sign in from an allowed country with the password alone', async () => {
    const tokens = await tokensFor('maria.rojas');
    expect(tokens.addedClaims).toEqual({ geo_country: 'MX', geo_decision: 'allow' });
  });

  it('refuses a code answered from a denied country', async () => {
    const first = await signIn('staff5', SPAIN);
    const code = await lastCodeSentTo(warden.emulator.endpoint, email('staff5'));
    const answered = await gateway(
      '/auth/respond',
      { session: first.body.session, code },
      NORTH_KOREA,
    );
    expect(answered).toEqual(REFUSED);
    expect((await decisions('staff5')).at(-1)).toEqual(['denied', 'KP', 'deniedCountries']);
  });

  it('uses the connection address, never X-Forwarded-For, and handles IPv6', async () => {
    // The request carries X-Forwarded-For: a Mexican address; the connection is Spanish (IPv6).
    expect((await signIn('staff0', SPAIN_V6)).body.status).toBe('code_required');
  });

  it('treats a private address as an unknown location: a code, never a plain allow', async () => {
    expect((await signIn('staff1', '10.20.30.40')).body.status).toBe('code_required');
    expect(await decisions('staff1')).toEqual([['step_up_required', null, 'unknown']]);
  });

  it('refuses a press admin outside Mexico outright, and from an unknown address too', async () => {
    expect((await signIn('luis.ortega', SPAIN)).status).toBe(401);
    expect((await signIn('luis.ortega', '10.20.30.40')).status).toBe(401);
    expect(await decisions('luis.ortega')).toEqual([
      ['denied', 'ES', 'groups.press-admins'],
      ['denied', null, 'groups.press-admins'],
    ]);
  });

  it('refuses after three wrong codes', async () => {
    let response = await signIn('staff2', SPAIN);
    const sent = await lastCodeSentTo(warden.emulator.endpoint, email('staff2'));
    const wrong = sent === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 3; attempt++) {
      response = await gateway(
        '/auth/respond',
        { session: response.body.session, code: wrong },
        SPAIN,
      );
    }
    expect(response).toEqual(REFUSED);
    expect((await decisions('staff2')).map(([outcome]) => outcome)).toEqual([
      'step_up_required',
      'step_up_failed',
      'step_up_failed',
      'step_up_failed',
      'denied',
    ]);
  });

  it('refuses when no verified email can receive the code', async () => {
    expect((await signIn('sin.correo', SPAIN)).status).toBe(401);
  });

  it('answers a wrong password and an unknown user exactly alike, and records a failed password as such', async () => {
    const wrongPassword = await signIn('staff3', MEXICO, 'not-the-password');
    const unknownUser = await signIn('nobody.here', MEXICO);
    expect(wrongPassword).toEqual(REFUSED);
    expect(unknownUser).toEqual(wrongPassword);
    expect(await decisions('staff3')).toEqual([['password_failed', null, 'password']]);
    expect(await decisions('nobody.here')).toEqual([['password_failed', null, 'password']]);
  });

  it('rejects a forged or tampered session envelope', async () => {
    const started = await signIn('staff4', SPAIN);
    const [kid, body, signature] = (started.body.session as string).split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({ session: 'x', username: 'ana.lopez' }),
    ).toString('base64url');
    for (const session of [
      `${kid}.${forgedBody}.${signature}`,
      `${kid}.${body}.AAAA`,
      `${body}.${signature}`,
    ]) {
      expect((await gateway('/auth/respond', { session, code: '123456' }, SPAIN)).status).toBe(401);
    }
  });

  it('validates the request body, naming the field and never echoing a password', async () => {
    const response = await gateway('/auth/sign-in', { username: 'staff5', password: '' }, MEXICO);
    expect(response).toEqual({
      status: 400,
      body: { status: 'invalid', message: expect.stringMatching(/^password: /) },
    });
    expect(
      (await gateway('/auth/respond', { session: 'x', code: '12' }, MEXICO)).body.message,
    ).toMatch(/code: must be the 6-digit code/);
  });
});

describe('refresh through the gateway', () => {
  it('renews tokens from an allowed country, re-deciding on the address each time', async () => {
    const { refreshToken } = await tokensFor('pablo.refresh');
    const renewed = await gateway('/auth/refresh', { refreshToken }, MEXICO);
    expect(renewed.body.status).toBe('signed_in');
    expect(renewed.body.tokens.addedClaims).toEqual({ geo_country: 'MX', geo_decision: 'allow' });
    // From where a code is needed, a refresh is not enough: sign in again (docs/decisions/0010).
    expect(await gateway('/auth/refresh', { refreshToken }, SPAIN)).toEqual(REFUSED);
    expect(await gateway('/auth/refresh', { refreshToken }, NORTH_KOREA)).toEqual(REFUSED);
    expect(
      (await decisions('pablo.refresh')).map(([outcome, country]) => `${outcome}:${country}`),
    ).toEqual(['allowed:MX', 'refreshed:MX', 'denied:ES', 'denied:KP']);
  });

  it('refuses a refresh once the person is offboarded, and a refresh token that was tampered with', async () => {
    const { refreshToken } = await tokensFor('rosa.refresh');
    const register = new DynamoAccessEndRegister(
      new GovernanceTable(documentClient(), warden.resources.table),
    );
    await register.recordAccessEnds(
      warden.resources.userPoolId,
      new Map([['rosa.refresh', clock.now()]]),
      false,
    );
    expect(await gateway('/auth/refresh', { refreshToken }, MEXICO)).toEqual(REFUSED);
    expect((await decisions('rosa.refresh')).at(-1)).toEqual(['denied', 'MX', 'offboarded']);
    const [kid, , signature] = refreshToken.split('.');
    const swapped = Buffer.from(
      JSON.stringify({ refreshToken: 'x', username: 'maria.rojas' }),
    ).toString('base64url');
    expect(
      await gateway('/auth/refresh', { refreshToken: `${kid}.${swapped}.${signature}` }, MEXICO),
    ).toEqual(REFUSED);
  });
});

describe('rate limits', () => {
  it('throttles an address after ten attempts a minute, whatever usernames it tries', async () => {
    const strict = localGateway(warden, { limits: { perAddress: 10, perUsername: 100 }, clock });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await strict('/auth/sign-in', { username: `nobody${i}`, password: 'x' }, '8.8.4.4'))
          .status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('counts every address of one IPv6 /64 as one', async () => {
    const strict = localGateway(warden, { limits: { perAddress: 3, perUsername: 100 }, clock });
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) {
      statuses.push(
        (
          await strict(
            '/auth/sign-in',
            { username: `v6user${i}`, password: 'x' },
            `2a02:9000:0:1::${i}`,
          )
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('throttles a username after five attempts a minute from anywhere, with the same generic answer', async () => {
    const strict = localGateway(warden, { limits: { perAddress: 100, perUsername: 5 }, clock });
    const answers = [];
    for (let i = 1; i <= 6; i++) {
      answers.push(
        await strict('/auth/sign-in', { username: 'staff6', password: 'wrong' }, `8.8.${i}.1`),
      );
    }
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[5]).toEqual({
      status: 429,
      body: { status: 'throttled', message: 'Too many attempts; wait a minute' },
    });
    // A minute and a half later the window has slid past the attempts.
    clock.current = new Date(clock.current.getTime() + 90_000);
    expect(
      (await strict('/auth/sign-in', { username: 'staff6', password: PASSWORD }, MEXICO)).status,
    ).toBe(200);
  });
});

describe('warden audit', () => {
  it("shows a person's sign-in decisions and the changes Warden made, from the governance table", async () => {
    expect(await signIn('nora.audit', SPAIN)).toEqual(REFUSED);
    const { userPoolId, table } = warden.resources;
    const result = spawnSync(
      process.execPath,
      [
        'bin/warden.js',
        'audit',
        '--user',
        'nora.audit',
        '--pool',
        userPoolId,
        '--table',
        table,
        '--json',
      ],
      { encoding: 'utf8', env: process.env },
    );
    expect(result.status).toBe(0);
    const trail = JSON.parse(result.stdout);
    expect(trail.changes).toEqual([]);
    expect(trail.signIns[0]).toEqual(
      expect.objectContaining({
        outcome: 'denied',
        country: 'ES',
        rule: 'groups.press-admins',
        ip: '88.1.1.1',
      }),
    );
  });
});

describe('the triggers refuse every path but the fenced one', () => {
  let signing: SigningKey;
  const base = (
    triggerSource: string,
    request: Record<string, unknown>,
    clientId = warden.resources.clientId,
  ) => ({
    version: '1',
    triggerSource,
    region: 'us-east-1',
    userPoolId: warden.resources.userPoolId,
    userName: 'maria.rojas',
    callerContext: { awsSdkVersion: 'test', clientId },
    request: {
      userAttributes: {
        email: email('maria.rojas'),
        email_verified: 'true',
        phone_number: '+525555550100',
      },
      ...request,
    },
    response: {},
  });
  const afterPassword = [
    { challengeName: 'SRP_A', challengeResult: true },
    { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
  ];
  const context = (
    fields: {
      username?: string;
      country?: string;
      clientId?: string;
      at?: Date;
      key?: SigningKey;
    } = {},
  ) =>
    signGeoContext(
      {
        ip: MEXICO,
        country: fields.country ?? 'MX',
        username: fields.username ?? 'maria.rojas',
        clientId: fields.clientId ?? warden.resources.clientId,
      },
      fields.key ?? signing,
      fields.at ?? clock.now(),
    );
  const metadata = (token: string | undefined) => (token ? { [GEO_CONTEXT_FIELD]: token } : {});
  const triggers = () => localTriggers(clock);
  const define = async (token: string | undefined) =>
    (
      (await triggers().defineAuthChallenge(
        base('DefineAuthChallenge_Authentication', {
          session: afterPassword,
          clientMetadata: metadata(token),
        }),
      )) as {
        response: Record<string, unknown>;
      }
    ).response;

  beforeAll(async () => {
    signing = (await secretsKeyRing(secretsClient(), warden.resources.geoKeySecret, clock)())
      .signing;
  });

  it('issues tokens for a valid Mexican context', async () => {
    expect(await define(context())).toMatchObject({ issueTokens: true });
  });

  it('refuses, never asks for a code, when the context is missing, forged, stale, replayed or borrowed', async () => {
    const replayed = context();
    await define(replayed);
    const forger = { id: signing.id, key: Buffer.alloc(48, 1) };
    for (const token of [
      undefined,
      context({ key: forger }),
      context({ at: new Date(clock.now().getTime() - 120_000) }),
      replayed,
      context({ username: email('maria.rojas') }),
      context({ clientId: 'some-other-client' }),
    ]) {
      expect(await define(token)).toEqual({ issueTokens: false, failAuthentication: true });
    }
  });

  it('pre-authentication refuses another app client and a call without a context, and takes a phone alias', async () => {
    const preAuth = (clientId: string, token: string | undefined) =>
      triggers().preAuthentication(
        base('PreAuthentication_Authentication', { validationData: metadata(token) }, clientId),
      );
    await expect(preAuth('a-password-client', undefined)).rejects.toThrow('Sign-in refused');
    await expect(preAuth(warden.resources.clientId, undefined)).rejects.toThrow('Sign-in refused');
    await expect(
      preAuth(warden.resources.clientId, context({ username: '+525555550100' })),
    ).resolves.toBeDefined();
  });

  it('pre-token generation issues nothing without a grant from define-auth-challenge for that very call', async () => {
    const preToken = (token: string | undefined, clientId?: string) =>
      triggers().preTokenGeneration(
        base(
          'TokenGeneration_Authentication',
          { groupConfiguration: {}, clientMetadata: metadata(token) },
          clientId,
        ),
      );
    await expect(preToken(context())).rejects.toThrow('Sign-in refused');
    await expect(preToken(undefined)).rejects.toThrow('Sign-in refused');
    await expect(preToken(context(), 'a-password-client')).rejects.toThrow('Sign-in refused');
    // A refresh through InitiateAuth carries no ClientMetadata: refused.
    await expect(
      triggers().preTokenGeneration(
        base('TokenGeneration_RefreshTokens', { groupConfiguration: {} }),
      ),
    ).rejects.toThrow('Sign-in refused');
  });
});
