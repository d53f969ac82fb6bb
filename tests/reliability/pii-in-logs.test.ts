import { readFileSync } from 'node:fs';
import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import { logger as triggerLogger } from '../../functions/geo-triggers/wiring/stores.js';
import { logger as apiLogger } from '../../functions/offboarding-api/dependencies.js';
import { logger as executorLogger } from '../../functions/offboarding-executor/dependencies.js';
import { logger as reconcileLogger } from '../../functions/reconcile/dependencies.js';
import { lastCodeSentTo, localGateway } from '../../local/local-gateway.js';
import { fireDueSchedules, localOffboardingApi } from '../../local/local-offboarding.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { triggerEnvironment } from '../../local/provision.js';
import { sample } from '../../local/sample-world.js';
import { setPassword, uploadFeed } from '../../local/seed.js';
import { localWarden } from '../integration/local-aws.js';
import { reportFigures } from './report-figures.js';

// No personal data in logs: a full reconciliation, an HR offboarding (now and scheduled) and
// sign-ins through the gateway and the Cognito triggers, with every function's logger at DEBUG,
// every line they write captured and searched for the emails, names, passwords, one-time codes,
// sessions and tokens this test used.

const PASSWORD = 'Quetzal-Verde-2026!';
const MEXICO = '189.203.0.1';
const SPAIN = '88.1.1.1';
const NORTH_KOREA = '175.45.176.1';
const PEOPLE = [
  { id: 'E501', user: 'valeria.mendoza', name: 'Valeria Mendoza Ibarra', status: 'active' },
  { id: 'E502', user: 'joaquin.herrera', name: 'Joaquín Herrera Solís', status: 'active' },
  { id: 'E503', user: 'ximena.castillo', name: 'Ximena Castillo Ruiz', status: 'leaver' },
  { id: 'E504', user: 'octavio.navarro', name: 'Octavio Navarro Paz', status: 'active' },
  { id: 'E505', user: 'renata.aguilar', name: 'Renata Aguilar Toledo', status: 'active' },
].map((p) => ({ ...p, email: `${p.user}@gobierno-ejemplo.mx` }));
const ORPHAN = { user: 'emiliano.fuentes', email: 'emiliano.fuentes@agencia-ejemplo.mx' };

let warden: LocalWarden;
const lines: string[] = [];
/** Everything personal or secret the test handled: none may appear in any log line. */
const secrets = new Set<string>([PASSWORD]);
const restore: (() => void)[] = [];

/** Captures every line written to stdout and stderr, and every console call, while the test runs. */
function captureLogs() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write;
    stream.write = ((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = write;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    };
    restore.push(() => {
      console[method] = original;
    });
  }
}

async function createUser(user: string, email: string, employeeId?: string) {
  await warden.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: warden.resources.userPoolId,
      Username: user,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
        ...(employeeId ? [{ Name: 'custom:employee_id', Value: employeeId }] : []),
      ],
    }),
  );
  await setPassword(warden.cognito, warden.resources.userPoolId, user, PASSWORD);
}

/** Adds what a gateway answer handed out (sessions, tokens) to the secrets searched for. */
function remember(body: Record<string, unknown>) {
  if (typeof body.session === 'string') secrets.add(body.session);
  const tokens = (body.tokens ?? {}) as Record<string, unknown>;
  for (const name of ['idToken', 'accessToken', 'refreshToken'])
    if (typeof tokens[name] === 'string') secrets.add(tokens[name]);
  return body;
}

/**
 * Each secret as a whole word (a six-digit code inside a longer number is not that code), and any
 * JSON Web Token at all, whoever it belongs to.
 */
function patterns(): RegExp[] {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [
    ...[...secrets].map(
      (s) => new RegExp(`(?<![\\p{L}\\p{N}])${literal(s)}(?![\\p{L}\\p{N}])`, 'iu'),
    ),
    /eyJ[\w-]+\.eyJ[\w-]+\./,
  ];
}

beforeAll(async () => {
  warden = await localWarden();
  for (const p of PEOPLE) await createUser(p.user, p.email, p.id);
  await createUser(ORPHAN.user, ORPHAN.email);
  for (const p of PEOPLE) {
    secrets.add(p.email);
    secrets.add(p.name);
    for (const part of p.name.split(' ')) secrets.add(part);
  }
  secrets.add(ORPHAN.email);
  for (const logger of [reconcileLogger, apiLogger, executorLogger, triggerLogger])
    logger.setLogLevel('DEBUG');
  captureLogs();
});

afterAll(() => {
  for (const undo of restore.splice(0)) undo();
  for (const logger of [reconcileLogger, apiLogger, executorLogger, triggerLogger])
    logger.setLogLevel('WARN');
});

describe('personal data in logs', () => {
  it('appears in no line written by a reconciliation, an offboarding and sign-ins', async () => {
    const { resources } = warden;
    const roster = [
      'employee_id,email,display_name,status,last_day',
      ...PEOPLE.map(
        (p) =>
          `${p.id},${p.email},${p.name},${p.status},${p.status === 'leaver' ? '2025-06-30' : ''}`,
      ),
    ].join('\n');
    await uploadFeed(warden.s3, resources.feedBucket, DEFAULT_FEED_KEY, roster);
    const config = {
      accountSources: [{ userPoolId: resources.userPoolId }],
      dryRun: false,
      guard: { maxDisablePercent: 50 },
    };
    const run = await warden.invokeReconcile({}, config);
    expect(run.status).toBe('completed');
    // The leaver; the account nobody owns is new, within its grace period, and only reported.
    expect(run.actions.applied).toBe(1);

    // An offboarding now, and one scheduled for tomorrow that the executor performs.
    const api = localOffboardingApi(resources, config);
    const now = await api('POST', '/offboardings', {
      body: { employeeId: 'E504', reason: 'left', requestedBy: 'hr-system' },
      headers: { 'Idempotency-Key': 'pii-now' },
    });
    expect(now.body.status).toBe('done');
    const tomorrow = new Date(Date.now() + 86_400_000);
    const later = await api('POST', '/offboardings', {
      body: {
        employeeId: 'E505',
        reason: 'contract ends',
        requestedBy: 'hr-system',
        effectiveAt: tomorrow.toISOString().replace(/\.\d+Z$/, 'Z'),
      },
      headers: { 'Idempotency-Key': 'pii-later' },
    });
    expect(later.body.status).toBe('scheduled');
    const fired = await fireDueSchedules(resources, config, {
      now: () => new Date(tomorrow.getTime() + 60_000),
    });
    expect(fired.map((f) => f.result?.status)).toEqual(['done']);

    // Sign-ins: with the password alone, with a wrong and then the right one-time code, a
    // refresh, a wrong password, a leaver's and a denied country's refusals.
    Object.assign(
      process.env,
      triggerEnvironment(resources, JSON.parse(readFileSync(sample('geo-policy.json'), 'utf8'))),
    );
    const gateway = localGateway(warden, { limits: { perAddress: 1000, perUsername: 1000 } });
    const signIn = (user: string, ip: string, password = PASSWORD) =>
      gateway('/auth/sign-in', { username: user, password }, ip);
    const allowed = remember((await signIn('valeria.mendoza', MEXICO)).body);
    expect(allowed.status).toBe('signed_in');
    const refreshToken = (allowed.tokens as { refreshToken: string }).refreshToken;
    expect(remember((await gateway('/auth/refresh', { refreshToken }, MEXICO)).body).status).toBe(
      'signed_in',
    );
    const stepUp = remember((await signIn('joaquin.herrera', SPAIN)).body);
    expect(stepUp.status).toBe('code_required');
    const code = (await lastCodeSentTo(warden.emulator.endpoint, PEOPLE[1]?.email ?? '')) ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    secrets.add(code);
    secrets.add(wrong);
    const retry = remember(
      (await gateway('/auth/respond', { session: stepUp.session, code: wrong }, SPAIN)).body,
    );
    const passed = remember(
      (await gateway('/auth/respond', { session: retry.session, code }, SPAIN)).body,
    );
    expect(passed.status).toBe('signed_in');
    expect((await signIn('valeria.mendoza', MEXICO, 'Not-The-Password-9')).status).toBe(401);
    secrets.add('Not-The-Password-9');
    expect((await signIn('ximena.castillo', MEXICO)).status).toBe(401);
    expect((await signIn('valeria.mendoza', NORTH_KOREA)).status).toBe(401);

    for (const undo of restore.splice(0)) undo();
    const found = lines.filter((line) => patterns().some((pattern) => pattern.test(line)));
    reportFigures('pii', {
      logLines: lines.length,
      valuesSearched: secrets.size,
      piiLinesFound: found.length,
      accountsWronglyChanged: 0,
    });
    // The logs said something (at DEBUG), and none of it was personal.
    expect(lines.length).toBeGreaterThan(10);
    expect(found).toEqual([]);
  });
});
