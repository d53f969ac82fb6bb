import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultKind, type FaultProxy, startFaultProxy } from '../../../local/fault-proxy.js';
import { seededRandom } from '../../../local/seeded-random.js';

// A stand-in for the local AWS: answers every request with an empty JSON object.
let upstream: Server;
let target: string;
let received = 0;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => upstream.close(resolve)));

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const clientOptions = (proxy: FaultProxy) => ({
  endpoint: proxy.endpoint,
  region: 'us-east-1',
  credentials,
  maxAttempts: 1,
});

async function withProxy<T>(
  options: { fault?: FaultKind; rates?: Record<string, number>; seed?: number },
  use: (proxy: FaultProxy) => Promise<T>,
): Promise<T> {
  const proxy = await startFaultProxy({
    target,
    rates: options.rates,
    seed: options.seed,
    slowMs: 1,
    decide: options.fault ? () => options.fault : undefined,
  });
  try {
    return await use(proxy);
  } finally {
    await proxy.close();
  }
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error & { $metadata?: { httpStatusCode?: number } }) => error,
  );

describe('the fault proxy', () => {
  it('throttles each service in its own error shape, as the SDK knows it', async () => {
    await withProxy({ fault: 'throttle' }, async (proxy) => {
      const cognito = await failure(
        new CognitoIdentityProviderClient(clientOptions(proxy)).send(
          new ListUsersCommand({ UserPoolId: 'us-east-1_x' }),
        ),
      );
      expect(cognito?.name).toBe('TooManyRequestsException');
      const dynamo = await failure(
        new DynamoDBClient(clientOptions(proxy)).send(
          new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }),
        ),
      );
      expect(['ProvisionedThroughputExceededException', 'ThrottlingException']).toContain(
        dynamo?.name,
      );
      const s3 = await failure(
        new S3Client({ ...clientOptions(proxy), forcePathStyle: true }).send(
          new GetObjectCommand({ Bucket: 'b', Key: 'k' }),
        ),
      );
      expect(s3?.name).toBe('SlowDown');
      const sns = await failure(
        new SNSClient(clientOptions(proxy)).send(
          new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', Message: 'm' }),
        ),
      );
      expect(sns?.name).toBe('ThrottledException');
      expect(sns?.$metadata?.httpStatusCode).toBe(429);
      expect(proxy.stats.injected.throttle).toBe(4);
      expect(proxy.stats.operations['cognito-idp.ListUsers']).toBe(1);
      expect(proxy.stats.operations['dynamodb.GetItem']).toBe(1);
      expect(proxy.stats.operations['sns.Publish']).toBe(1);
    });
  });

  it('answers 5xx, resets connections before or after forwarding, and slows answers down', async () => {
    const get = (proxy: FaultProxy) =>
      failure(
        new DynamoDBClient(clientOptions(proxy)).send(
          new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }),
        ),
      );
    const before = received;
    await withProxy({ fault: 'serverError' }, async (proxy) => {
      expect((await get(proxy))?.$metadata?.httpStatusCode).toBe(500);
    });
    await withProxy({ fault: 'reset' }, async (proxy) => {
      expect((await get(proxy))?.message).toMatch(/socket hang up|ECONNRESET/);
    });
    expect(received).toBe(before);
    await withProxy({ fault: 'resetAfter' }, async (proxy) => {
      expect((await get(proxy))?.message).toMatch(/socket hang up|ECONNRESET/);
    });
    expect(received).toBe(before + 1);
    await withProxy({ fault: 'slow' }, async (proxy) => {
      expect(await get(proxy)).toBeUndefined();
      expect(proxy.stats.injected.slow).toBe(1);
    });
  });

  it('injects faults at the configured rate, the same ones for the same seed', async () => {
    const run = (seed: number) =>
      withProxy({ rates: { serverError: 0.2 }, seed }, async (proxy) => {
        const client = new DynamoDBClient(clientOptions(proxy));
        const outcomes: boolean[] = [];
        for (let i = 0; i < 100; i++) {
          const error = await failure(
            client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } })),
          );
          outcomes.push(error === undefined);
        }
        return { outcomes, injected: proxy.stats.injected.serverError };
      });
    const first = await run(7);
    expect(first.injected).toBe(first.outcomes.filter((ok) => !ok).length);
    expect(first.injected).toBeGreaterThan(8);
    expect(first.injected).toBeLessThan(35);
    expect((await run(7)).outcomes).toEqual(first.outcomes);
    expect((await run(8)).outcomes).not.toEqual(first.outcomes);
  }, 60_000);

  it('forwards nothing once severed', async () => {
    await withProxy({}, async (proxy) => {
      const before = received;
      proxy.sever();
      const error = await failure(
        new DynamoDBClient(clientOptions(proxy)).send(
          new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }),
        ),
      );
      expect(error).toBeDefined();
      expect(received).toBe(before);
    });
  });

  it('draws uniform numbers from a seed', () => {
    const draw = seededRandom(42);
    const values = Array.from({ length: 1000 }, draw);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.filter((v) => v < 0.5).length).toBeGreaterThan(430);
    expect(values.filter((v) => v < 0.5).length).toBeLessThan(570);
  });
});
