import { createServer, type IncomingMessage, type Server } from 'node:http';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCall, localOffboardingApi } from '../../local/local-offboarding.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { listedUser, seedUsers, uploadFeed } from '../../local/seed.js';
import { localWarden } from './local-aws.js';
import { runWarden } from './warden-process.js';

// A "deployed" stack: CloudFormation (the emulator's) holds its outputs, and a small HTTP server
// stands in for API Gateway, passing each signed request to the real handler.
let warden: LocalWarden;
let server: Server;
let api: ApiCall;
const signatures: string[] = [];
const stackName = `warden-remote-${Date.now()}`;

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  warden = await localWarden();
  const { resources } = warden;
  await seedUsers(warden.cognito, resources.userPoolId, [
    listedUser('ana.lopez', 'ana.lopez@x.org', 'E1'),
    listedUser('ben.diaz', 'ben.diaz@x.org', 'E2'),
  ]);
  const config = { accountSources: [{ userPoolId: resources.userPoolId }], dryRun: false };
  await uploadFeed(
    warden.s3,
    resources.feedBucket,
    'feeds/roster.csv',
    'employee_id,email,display_name,status,last_day\nE1,ana.lopez@x.org,Ana,active,\nE2,ben.diaz@x.org,Ben,active,\n',
  );
  await warden.invokeReconcile({}, config);
  api = localOffboardingApi(resources, config);
  server = createServer(async (request, response) => {
    signatures.push(String(request.headers.authorization ?? ''));
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/v1/, '');
    const id = /^\/offboardings\/((?:ob|lv)-[0-9a-f]+)$/.exec(path)?.[1];
    const resource = id
      ? '/offboardings/{id}'
      : (path as '/offboardings' | '/offboardings/preview');
    const text = await bodyOf(request);
    const answer = await api(request.method as 'GET', resource, {
      id,
      query: Object.fromEntries(url.searchParams),
      headers: { 'Idempotency-Key': String(request.headers['idempotency-key'] ?? '') },
      body: text ? JSON.parse(text) : undefined,
    });
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new CloudFormationClient({}).send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateBody: JSON.stringify({
        Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
        Outputs: { OffboardingApiUrl: { Value: `http://127.0.0.1:${port}/v1/` } },
      }),
    }),
  );
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('warden offboard against a deployed stack', () => {
  it('finds the API in the stack outputs and signs each request with the caller credentials', async () => {
    const r = await runWarden([
      'offboard',
      'E2',
      '--reason',
      'left',
      '--yes',
      '--json',
      '--stack',
      stackName,
    ]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      employeeId: 'E2',
      status: 'done',
      accounts: [{ username: 'ben.diaz', outcome: 'disabled' }],
    });
    expect(signatures.at(-1)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/us-east-1\/execute-api\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/,
    );
    const list = await runWarden(['offboard', 'list', '--stack', stackName, '--json']);
    expect(JSON.parse(list.out).map((o: { employeeId: string }) => o.employeeId)).toContain('E2');
  });

  it('says so when the stack has no offboarding API', async () => {
    const r = await runWarden(['offboard', 'list', '--stack', 'no-such-stack']);
    expect(r.code).toBe(1);
  });
});
