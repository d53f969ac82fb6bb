import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { secretsClient } from '../../functions/aws/clients/secrets-manager.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoSignInLog } from '../../functions/aws/dynamo/sign-in-log.js';
import { geoContextKey } from '../../functions/aws/geo-key.js';
import { GEO_CONTEXT_FIELD, signGeoContext } from '../../functions/core/geo/geo-context.js';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import { handler as defineAuthChallenge } from '../../functions/geo-triggers/define-auth-challenge.js';
import { localLambdaContext } from '../../local/lambda-context.js';
import { lastCodeSentTo, localGateway } from '../../local/local-gateway.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { triggerEnvironment } from '../../local/provision.js';
import { sample } from '../../local/sample-world.js';
import { setPassword, uploadFeed } from '../../local/seed.js';
import { localWarden } from './local-aws.js';

const PASSWORD = 'Prensa-2023-Pa55word!';
const SPAIN = '88.1.1.1';
const SPAIN_V6 = '2a02:9000::1';
const MEXICO = '189.203.0.1';
const POLICY = JSON.parse(readFileSync(sample('geo-policy.json'), 'utf8'));

let warden: LocalWarden;
let gateway: ReturnType<typeof localGateway>;
let signIns: DynamoSignInLog;
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

beforeAll(async () => {
  warden = await localWarden();
  const { resources } = warden;
  await createUser('ricardo.salazar', 'E10007');
  await createUser('ana.lopez', 'E10020');
  await createUser('luis.ortega', 'E10030', { group: 'press-admins' });
  await createUser('maria.rojas', 'E10040');
  await createUser('sin.correo', 'E10050', { verified: false });
  for (let i = 0; i < 6; i++) await createUser(`staff${i}`, `E2000${i}`);

  // HR says Ricardo leaves in two seconds; an applied run records it while his account stays enabled.
  const leavesAt = new Date(Date.now() + 2000).toISOString().replace(/\.\d+Z$/, 'Z');
  const roster = [
    'employee_id,email,display_name,status,last_day',
    `E10007,${email('ricardo.salazar')},Ricardo Salazar,leaver,${leavesAt}`,
    ...['ana.lopez:E10020', 'luis.ortega:E10030', 'maria.rojas:E10040', 'sin.correo:E10050'].map(
      (u) => {
        const [name, id] = u.split(':');
        return `${id},${email(name as string)},,active,`;
      },
    ),
    ...Array.from({ length: 6 }, (_, i) => `E2000${i},${email(`staff${i}`)},,active,`),
  ].join('\n');
  await uploadFeed(warden.s3, resources.feedBucket, DEFAULT_FEED_KEY, roster);
  const run = await warden.invokeReconcile(
    {},
    { accountSources: [{ userPoolId: resources.userPoolId }], dryRun: false },
  );
  expect(run.counts.future_leaver).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 2500));

  Object.assign(process.env, triggerEnvironment(resources, POLICY));
  // Many attempts come from the same test addresses; the throttle has its own test below.
  gateway = localGateway(warden, 1000);
  signIns = new DynamoSignInLog(new GovernanceTable(documentClient(), resources.table));
});

describe('geo-fenced sign-in through the gateway and the Cognito triggers', () => {
  it('refuses the former employee from a Spanish address while the account is still enabled', async () => {
    const response = await signIn('ricardo.salazar', SPAIN);
    expect(response).toEqual({
      status: 401,
      body: { status: 'refused', message: 'Sign-in failed' },
    });
    expect(await signIn('ricardo.salazar', MEXICO)).toMatchObject({ status: 401 });
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
    expect(done.body.tokens.addedClaims).toEqual({
      geo_country: 'ES',
      geo_decision: 'require_mfa',
    });
    expect(await decisions('ana.lopez')).toEqual([
      ['step_up_required', 'ES', 'default'],
      ['step_up_failed', 'ES', 'one-time code'],
      ['step_up_passed', 'ES', 'one-time code'],
    ]);
  });

  it('lets the same employee sign in from an allowed country with the password alone', async () => {
    const response = await signIn('maria.rojas', MEXICO);
    expect(response.body.status).toBe('signed_in');
    expect(response.body.tokens.addedClaims).toEqual({ geo_country: 'MX', geo_decision: 'allow' });
  });

  it('uses the connection address, never X-Forwarded-For, and handles IPv6', async () => {
    // The request carries X-Forwarded-For: a Mexican address; the connection is Spanish (IPv6).
    expect((await signIn('staff0', SPAIN_V6)).body.status).toBe('code_required');
  });

  it('treats a private address as an unknown location: a code, never a plain allow', async () => {
    expect((await signIn('staff1', '10.20.30.40')).body.status).toBe('code_required');
    expect(await decisions('staff1')).toEqual([['step_up_required', null, 'unknown']]);
  });

  it('refuses a press admin outside Mexico outright', async () => {
    expect((await signIn('luis.ortega', SPAIN)).status).toBe(401);
    expect(await decisions('luis.ortega')).toEqual([['denied', 'ES', 'groups.press-admins']]);
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
    expect(response).toEqual({
      status: 401,
      body: { status: 'refused', message: 'Sign-in failed' },
    });
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

  it('answers a wrong password and an unknown user exactly alike', async () => {
    const wrongPassword = await signIn('staff3', MEXICO, 'not-the-password');
    const unknownUser = await signIn('nobody.here', MEXICO);
    expect(wrongPassword).toEqual({
      status: 401,
      body: { status: 'refused', message: 'Sign-in failed' },
    });
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('rejects a forged or tampered session envelope', async () => {
    const started = await signIn('staff4', SPAIN);
    const [body] = (started.body.session as string).split('.');
    const forged = `${Buffer.from(JSON.stringify({ session: 'x', username: 'ana.lopez' })).toString('base64url')}.${started.body.session.split('.')[1]}`;
    expect(
      (await gateway('/auth/respond', { session: forged, code: '123456' }, SPAIN)).status,
    ).toBe(401);
    expect(
      (await gateway('/auth/respond', { session: `${body}.AAAA`, code: '123456' }, SPAIN)).status,
    ).toBe(401);
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

  it('throttles a source address after ten attempts a minute', async () => {
    // A fixed clock keeps all eleven attempts in one window, however the minute falls.
    const strict = localGateway(warden, 10, { now: () => new Date('2026-11-29T12:00:30Z') });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await strict('/auth/sign-in', { username: 'nobody.here', password: 'x' }, '8.8.4.4'))
          .status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('warden audit', () => {
  it("shows a person's sign-in decisions and the changes Warden made, from the governance table", () => {
    const { userPoolId, table } = warden.resources;
    const result = spawnSync(
      process.execPath,
      [
        'bin/warden.js',
        'audit',
        '--user',
        'luis.ortega',
        '--pool',
        userPoolId,
        '--table',
        table,
        '--json',
      ],
      {
        encoding: 'utf8',
        env: process.env,
      },
    );
    expect(result.status).toBe(0);
    const trail = JSON.parse(result.stdout);
    expect(trail.changes).toEqual([]);
    expect(trail.signIns).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        country: 'ES',
        rule: 'groups.press-admins',
        ip: '88.1.1.1',
      }),
    ]);
  });
});

describe('define-auth-challenge with forged, stale and replayed geo contexts', () => {
  const event = (token: string | undefined) => ({
    version: '1',
    triggerSource: 'DefineAuthChallenge_Authentication',
    region: 'us-east-1',
    userPoolId: warden.resources.userPoolId,
    userName: 'maria.rojas',
    callerContext: { awsSdkVersion: 'test', clientId: warden.resources.clientId },
    request: {
      userAttributes: { email: email('maria.rojas'), email_verified: 'true' },
      session: [
        { challengeName: 'SRP_A', challengeResult: true },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
      ],
      clientMetadata: token ? { [GEO_CONTEXT_FIELD]: token } : {},
    },
    response: {},
  });
  const define = async (token: string | undefined) =>
    (
      (await defineAuthChallenge(event(token), localLambdaContext('define'))) as {
        response: Record<string, unknown>;
      }
    ).response;
  const mexican = (key: Buffer, at = new Date()) =>
    signGeoContext({ ip: MEXICO, country: 'MX', username: 'maria.rojas' }, key, at);

  it('issues tokens for a valid Mexican context', async () => {
    const key = await geoContextKey(secretsClient(), warden.resources.geoKeySecret);
    expect(await define(mexican(key))).toMatchObject({ issueTokens: true });
  });

  it('asks for a code, never allows, when the context is missing, forged, stale or replayed', async () => {
    const key = await geoContextKey(secretsClient(), warden.resources.geoKeySecret);
    const replayed = mexican(key);
    await define(replayed);
    for (const token of [
      undefined,
      mexican(Buffer.alloc(48, 1)),
      mexican(key, new Date(Date.now() - 120_000)),
      replayed,
    ]) {
      expect(await define(token)).toEqual({
        issueTokens: false,
        failAuthentication: false,
        challengeName: 'CUSTOM_CHALLENGE',
      });
    }
  });
});
