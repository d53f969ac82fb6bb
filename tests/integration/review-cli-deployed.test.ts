import { mkdtempSync, readFileSync } from 'node:fs';
import {
  createServer,
  request as forwardRequest,
  type IncomingMessage,
  type Server,
} from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import { ENV } from '../../functions/core/shared/environment.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { listedUser, seedUsers, uploadFeed } from '../../local/seed.js';
import { localWarden } from './local-aws.js';
import { runWarden } from './warden-process.js';

// A "deployed" stack on the local AWS: the emulator's CloudFormation holds a stack whose outputs
// name this test's table and a reconcile function (created by the emulator, with the settings in
// its environment as the stack sets them). The CLI runs WITHOUT --local, with the caller's
// credentials (the emulator's test keys), through a pass-through proxy in front of the emulator.
// The emulator cannot run Lambda code without Docker, so the proxy answers Lambda's Invoke by
// running the real reconcile handler in this process, as Lambda would, and records each call.
let warden: LocalWarden;
let config: Record<string, unknown>;
let proxy: Server;
let endpoint: string;
const invocations: { functionName: string; payload: unknown; authorization: string }[] = [];
const stackName = `warden-deployed-${Date.now()}`;
const dir = mkdtempSync(join(tmpdir(), 'warden-deployed-'));

const ROSTER_HEADER = 'employee_id,email,display_name,status,last_day';
const PEOPLE = ['ana', 'ben', 'cruz', 'dana'];
const roster = (leavers: string[]) =>
  [
    ROSTER_HEADER,
    ...PEOPLE.map(
      (name, i) =>
        `E${i + 1},${name}@x.org,${name},${leavers.includes(name) ? 'leaver,2024-01-31' : 'active,'}`,
    ),
  ].join('\n');

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Lambda's Invoke, answered by the reconcile handler; everything else goes on to the emulator. */
function startProxy(target: URL): Promise<string> {
  proxy = createServer(async (request, response) => {
    const body = await bodyOf(request);
    const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(
      new URL(request.url ?? '/', 'http://proxy').pathname,
    );
    if (invoke && request.method === 'POST') {
      const payload = JSON.parse(body.toString('utf8'));
      invocations.push({
        functionName: decodeURIComponent(invoke[1] as string),
        payload,
        authorization: String(request.headers.authorization ?? ''),
      });
      try {
        const answer = await warden.invokeReconcile(payload, config);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer));
      } catch (error) {
        // How Lambda answers a function that threw.
        response.writeHead(200, { 'x-amz-function-error': 'Unhandled' });
        response.end(
          JSON.stringify({
            errorType: (error as Error).name,
            errorMessage: (error as Error).message,
          }),
        );
      }
      return;
    }
    const forwarded = forwardRequest(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.end(body);
  });
  return new Promise((resolve) =>
    proxy.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(proxy.address() as { port: number }).port}`),
    ),
  );
}

/** The CLI with the caller's credentials, its AWS calls through the proxy. */
function deployedWarden(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ENDPOINT_URL: endpoint };
  // The names come from the stack, not from the environment this process runs reconcile with.
  delete env[ENV.table];
  delete env[ENV.reconcileFunction];
  return runWarden(args, env);
}

async function json(args: string[]) {
  const r = await deployedWarden([...args, '--stack', stackName, '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
}

/** A run of the roster with these leavers; with one leaver in four, the guard quarantines it. */
async function runWith(leavers: string[]) {
  await uploadFeed(warden.s3, warden.resources.feedBucket, DEFAULT_FEED_KEY, roster(leavers));
  return warden.invokeReconcile({ trigger: 'test' }, config);
}

beforeAll(async () => {
  warden = await localWarden();
  const { resources } = warden;
  await seedUsers(
    warden.cognito,
    resources.userPoolId,
    PEOPLE.map((name, i) => listedUser(name, `${name}@x.org`, `E${i + 1}`)),
  );
  config = { accountSources: [{ userPoolId: resources.userPoolId }], dryRun: false };
  await runWith([]);
  endpoint = await startProxy(new URL(process.env.AWS_ENDPOINT_URL as string));
  const fn = `${resources.table}-reconcile`;
  await new CloudFormationClient({}).send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateBody: JSON.stringify({
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Service: 'lambda.amazonaws.com' },
                    Action: 'sts:AssumeRole',
                  },
                ],
              },
            },
          },
          Reconcile: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              FunctionName: fn,
              Runtime: 'nodejs22.x',
              Handler: 'index.handler',
              Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
              Code: { ZipFile: 'exports.handler = async () => ({})' },
              Environment: { Variables: { [ENV.config]: JSON.stringify(config) } },
            },
          },
        },
        Outputs: {
          GovernanceTableName: { Value: resources.table },
          ReconcileFunctionName: { Value: { Ref: 'Reconcile' } },
        },
      }),
    }),
  );
}, 120_000);

afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

describe('the admin CLI against a deployed stack', () => {
  it('lists and shows runs and writes their reports, by the names in the stack outputs', async () => {
    const runs = await json(['runs', 'list']);
    expect(runs.length).toBeGreaterThan(0);
    const { runId } = runs.at(-1);
    expect(runs.at(-1)).toMatchObject({ trigger: 'test', mode: 'apply', status: 'completed' });

    const view = await json(['runs', 'show', runId]);
    expect(view.run.runId).toBe(runId);
    expect(view.findings.rows.map((f: { username: string }) => f.username).sort()).toEqual(
      [...PEOPLE].sort(),
    );

    for (const format of ['json', 'csv', 'html'] as const) {
      const out = join(dir, `${runId}.${format}`);
      expect(await json(['report', runId, '--format', format, '--out', out])).toMatchObject({
        runId,
        format,
        out,
      });
      const text = readFileSync(out, 'utf8');
      if (format === 'json') expect(JSON.parse(text).runId).toBe(runId);
      if (format === 'csv') expect(text.split('\n')[0]).toContain('username');
      if (format === 'html') expect(text).toMatch(/^<!doctype html>/);
    }
  });

  it('rejects and approves quarantined runs through the function named in the outputs, restores, and shows the trail', async () => {
    const rejectedRun = await runWith(['ben']);
    expect(rejectedRun.status).toBe('quarantined');
    const rejected = await json(['runs', 'reject', rejectedRun.runId, '--reason', 'bad export']);
    expect(rejected.run).toMatchObject({ status: 'rejected', review: { decision: 'rejected' } });
    const call = invocations.at(-1);
    expect(call?.functionName).toBe(`${warden.resources.table}-reconcile`);
    expect(call?.payload).toMatchObject({
      reject: rejectedRun.runId,
      review: { reason: 'bad export', by: expect.stringMatching(/^arn:aws:/) },
    });
    // Signed with the caller's credentials, for Lambda.
    expect(call?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/[\w-]+\/lambda\//,
    );

    const approvedRun = await runWith(['ben']);
    const approved = await json(['runs', 'approve', approvedRun.runId, '--reason', 'HR confirmed']);
    expect(approved.run.review).toMatchObject({ decision: 'approved' });
    expect(approved.decided.status).toMatch(/^completed/);
    expect(invocations.at(-1)?.payload).toMatchObject({ approve: approvedRun.runId });
    const again = await deployedWarden([
      'runs',
      'approve',
      approvedRun.runId,
      '--reason',
      'x',
      '--stack',
      stackName,
    ]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already approved/);

    // The pools come from the settings in the function's environment.
    const { userPoolId } = warden.resources;
    const restore = ['accounts', 'restore', userPoolId, 'ben', '--reason', 'mistake'];
    const refused = await deployedWarden([...restore, '--stack', stackName]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/override reason/);
    const restored = await json([...restore, '--override-reason', 'HR reversed the leave']);
    expect(restored).toMatchObject({ source: userPoolId, username: 'ben', outcome: 'enabled' });

    const person = await json(['audit', '--employee-id', 'E2']);
    expect(person.accounts.map((a: { username: string }) => a.username)).toEqual(['ben']);
    const kinds = person.trail.map((e: { kind?: string }) => e.kind);
    expect(kinds).toContain('restore');
    expect(kinds).toContain('disable');

    // One account's trail, and the whole trail's chains, by the table the stack names.
    const account = await json(['audit', '--user', 'ben', '--pool', userPoolId]);
    expect(account.changes.map((c: { kind: string }) => c.kind)).toEqual(
      expect.arrayContaining(['disable', 'restore']),
    );
    expect(await json(['audit', 'verify'])).toMatchObject({ ok: true, problems: [] });
  });

  it('says clearly when the stack or one of its outputs is missing, with exit status 1', async () => {
    const missing = await deployedWarden(['runs', 'list', '--stack', 'no-such-stack']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read the outputs of stack no-such-stack/);

    const bare = `${stackName}-bare`;
    await new CloudFormationClient({}).send(
      new CreateStackCommand({
        StackName: bare,
        TemplateBody: JSON.stringify({
          Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
          Outputs: { GovernanceTableName: { Value: warden.resources.table } },
        }),
      }),
    );
    // Reading runs needs only the table; a decision needs the function too.
    expect((await deployedWarden(['runs', 'list', '--stack', bare, '--json'])).code).toBe(0);
    const noFunction = await deployedWarden([
      'runs',
      'approve',
      'r-1',
      '--reason',
      'x',
      '--stack',
      bare,
    ]);
    expect(noFunction.code).toBe(1);
    expect(noFunction.err).toMatch(new RegExp(`stack ${bare} has no ReconcileFunctionName output`));
  });
});
