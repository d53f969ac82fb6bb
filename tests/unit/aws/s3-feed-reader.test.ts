import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3FeedSource } from '../../../functions/aws/s3-feed-reader.js';
import { WardenError } from '../../../functions/core/shared/errors.js';

const s3 = mockClient(S3Client);
const feeds = new S3FeedSource(new S3Client({ region: 'us-east-1' }));

/** An object body as the SDK streams it. */
const body = (text: string) =>
  ({
    transformToByteArray: () => Promise.resolve(new Uint8Array(Buffer.from(text, 'utf8'))),
  }) as unknown as GetObjectCommandOutput['Body'];

beforeEach(() => s3.reset());

describe('HR feeds in S3', () => {
  it('reads the object the location names, as bytes for the feed settings to decode', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body('employee_id,email\nE1,lucía@x.org\n') });
    const { bytes, version } = await feeds.read(
      { bucket: 'hr-feeds', key: 'feeds/roster.csv' },
      1000,
    );
    expect(Buffer.from(bytes).toString('utf8')).toBe('employee_id,email\nE1,lucía@x.org\n');
    expect(version).toBeUndefined();
  });

  it('says which version it read, and reads a version named again', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body('x'), VersionId: 'v-7' });
    const location = { bucket: 'hr-feeds', key: 'feeds/roster.csv', version: 'v-7' };
    expect((await feeds.read(location, 10)).version).toBe('v-7');
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({ VersionId: 'v-7' });
    s3.on(GetObjectCommand).resolves({ Body: body('x'), VersionId: 'null' });
    const unversioned = await feeds.read({ bucket: 'hr-feeds', key: 'feeds/roster.csv' }, 10);
    expect(unversioned.version).toBeUndefined();
  });

  it('downloads no more than one byte past the size limit, so a huge object never fills memory', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body('x'.repeat(11)) });
    await feeds.read({ bucket: 'hr-feeds', key: 'feeds/roster.csv' }, 10);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'hr-feeds',
      Key: 'feeds/roster.csv',
      Range: 'bytes=0-10',
    });
  });

  it('reads an empty object as no bytes (S3 refuses a range of an empty object)', async () => {
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({
        name: 'InvalidRange',
        $fault: 'client',
        $metadata: { httpStatusCode: 416 },
        message: 'The requested range is not satisfiable',
      }),
    );
    const { bytes } = await feeds.read({ bucket: 'hr-feeds', key: 'feeds/empty.csv' }, 10);
    expect(bytes).toHaveLength(0);
  });

  it('fails, naming the object, when it has no body', async () => {
    s3.on(GetObjectCommand).resolves({});
    await expect(feeds.read({ bucket: 'hr-feeds', key: 'feeds/roster.csv' }, 10)).rejects.toThrow(
      new WardenError('s3://hr-feeds/feeds/roster.csv has no body'),
    );
  });
});
