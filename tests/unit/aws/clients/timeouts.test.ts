import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { ListEmailIdentitiesCommand } from '@aws-sdk/client-sesv2';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { DescribeParametersCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cognitoClient } from '../../../../functions/aws/clients/cognito.js';
import { dynamoDbClient } from '../../../../functions/aws/clients/dynamodb.js';
import { lambdaClient } from '../../../../functions/aws/clients/lambda.js';
import { s3Client } from '../../../../functions/aws/clients/s3.js';
import { schedulerClient } from '../../../../functions/aws/clients/scheduler.js';
import { secretsClient } from '../../../../functions/aws/clients/secrets-manager.js';
import { sesClient } from '../../../../functions/aws/clients/sesv2.js';
import { snsClient } from '../../../../functions/aws/clients/sns.js';
import { ssmClient } from '../../../../functions/aws/clients/ssm.js';
import { stsClient } from '../../../../functions/aws/clients/sts.js';
import { ConfigError } from '../../../../functions/core/shared/errors.js';

// A far side that accepts a connection and never answers must not hold a call forever: the
// attempt times out and the SDK retries it. On a client without timeouts these tests hang until
// vitest's test timeout. The timeouts are made small here through the environment.

type Answer = 'silence' | 'headers only' | 'tables';
const TABLES = JSON.stringify({ TableNames: ['t'] });

/** A local TCP server that answers the n-th connection as `script[n]` says (then the last). */
async function farSide(script: Answer[]) {
  const sockets = new Set<Socket>();
  const connections: number[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const answer = script[Math.min(connections.length, script.length - 1)];
    connections.push(connections.length + 1);
    for (const w of waiting) if (connections.length >= w.count) w.resolve();
    socket.on('error', () => {});
    socket.once('data', () => {
      if (answer === 'silence') return;
      const head = `HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: ${TABLES.length}\r\n\r\n`;
      socket.write(answer === 'tables' ? head + TABLES : head);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    /** Resolves once `count` connections have arrived. */
    connected: (count: number) =>
      new Promise<void>((resolve) => {
        waiting.push({ count, resolve });
        if (connections.length >= count) resolve();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

let server: Awaited<ReturnType<typeof farSide>> | undefined;

async function pointAt(script: Answer[]) {
  server = await farSide(script);
  vi.stubEnv('AWS_ENDPOINT_URL', server.endpoint);
  return server;
}

beforeEach(() => {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  vi.stubEnv('WARDEN_AWS_CONNECTION_TIMEOUT_MS', '100');
  vi.stubEnv('WARDEN_AWS_REQUEST_TIMEOUT_MS', '150');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

/** What the test needs of a client: to send a command with an abort signal. */
type Sender = { send(command: unknown, options: { abortSignal: AbortSignal }): Promise<unknown> };

/** Each of Warden's client factories, with a cheap read to send. */
const FACTORIES = [
  ['cognito', cognitoClient, new ListUserPoolsCommand({ MaxResults: 1 })],
  ['dynamodb', dynamoDbClient, new ListTablesCommand({})],
  ['s3', s3Client, new ListBucketsCommand({})],
  ['scheduler', schedulerClient, new ListSchedulesCommand({})],
  ['secrets manager', secretsClient, new ListSecretsCommand({})],
  ['sesv2', sesClient, new ListEmailIdentitiesCommand({})],
  ['sns', snsClient, new ListTopicsCommand({})],
  ['ssm', ssmClient, new DescribeParametersCommand({})],
  ['sts', stsClient, new GetCallerIdentityCommand({})],
] as unknown as [string, () => Sender, unknown][];

describe('every AWS client gives up on a silent far side', () => {
  it.each(FACTORIES)(
    '%s: the unanswered attempt times out and is retried',
    async (_, client, read) => {
      const silent = await pointAt(['silence']);
      const abort = new AbortController();
      const pending = client()
        .send(read, { abortSignal: abort.signal })
        .catch((error: Error) => error);
      await silent.connected(2);
      abort.abort();
      expect(await pending).toBeInstanceOf(Error);
      expect(silent.connections.length).toBeGreaterThanOrEqual(2);
    },
  );

  it('lambda: an invocation is never retried, yet a silent one ends in a timeout error', async () => {
    const silent = await pointAt(['silence']);
    const error = await lambdaClient()
      .send(new ListFunctionsCommand({}))
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', $metadata: { attempts: 1 } });
    expect(silent.connections).toEqual([1]);
  });
});

describe('a timed-out attempt gets its retry', () => {
  it('succeeds when the far side answers the retry', async () => {
    const flaky = await pointAt(['silence', 'tables']);
    const answer = await dynamoDbClient().send(new ListTablesCommand({}));
    expect(answer.TableNames).toEqual(['t']);
    expect(answer.$metadata.attempts).toBe(2);
    expect(flaky.connections).toEqual([1, 2]);
  });

  it('succeeds when an answer stalls after its headers and the retry is answered', async () => {
    await pointAt(['headers only', 'tables']);
    const answer = await dynamoDbClient().send(new ListTablesCommand({}));
    expect(answer.TableNames).toEqual(['t']);
    expect(answer.$metadata.attempts).toBe(2);
  });

  it('fails with a timeout error after the bounded attempts when nothing ever answers', async () => {
    const silent = await pointAt(['silence']);
    const error = await dynamoDbClient()
      .send(new ListTablesCommand({}))
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', $metadata: { attempts: 6 } });
    expect(silent.connections).toHaveLength(6);
  }, 30_000);
});

describe('the timeout settings', () => {
  it.each([
    ['WARDEN_AWS_CONNECTION_TIMEOUT_MS', 'soon'],
    ['WARDEN_AWS_REQUEST_TIMEOUT_MS', '0'],
    ['WARDEN_AWS_REQUEST_TIMEOUT_MS', '1.5'],
  ])('refuse %s=%s, naming the variable', (name, value) => {
    vi.stubEnv(name, value);
    expect(() => dynamoDbClient()).toThrow(ConfigError);
    expect(() => dynamoDbClient()).toThrow(name);
  });
});
