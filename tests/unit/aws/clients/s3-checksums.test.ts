import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { s3Client } from '../../../../functions/aws/clients/s3.js';

// Reports are uploaded at the end of every run, on its critical path (decision 0050).

/** The headers of a PutObject as it would leave, signed; nothing is sent. */
async function headersOfPut(body: string): Promise<Record<string, string>> {
  const client = s3Client();
  let seen: Record<string, string> | undefined;
  client.middlewareStack.add(
    (_next) => (args) => {
      seen = (args.request as { headers: Record<string, string> }).headers;
      return Promise.reject(new Error('captured'));
    },
    { step: 'finalizeRequest', priority: 'low', name: 'captureHeaders' },
  );
  await expect(
    client.send(new PutObjectCommand({ Bucket: 'reports', Key: 'r.json', Body: body })),
  ).rejects.toThrow('captured');
  return seen ?? {};
}

describe('the S3 client', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9');
  });

  it('signs an upload by its SHA-256 and adds no CRC32 of the body', async () => {
    const body = '{"findings":[]}';
    const headers = await headersOfPut(body);
    expect(headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
    expect(headers.authorization).toMatch(/x-amz-content-sha256/);
    expect(Object.keys(headers).filter((h) => h.startsWith('x-amz-checksum-'))).toEqual([]);
    expect(headers['x-amz-sdk-checksum-algorithm']).toBeUndefined();
  });
});
