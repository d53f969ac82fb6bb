import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { CheckpointStore } from '../core/reconcile/ports.js';
import { CHECKPOINTS_PREFIX, checkpointKey } from '../core/shared/bucket-layout.js';

const compress = promisify(gzip);
const decompress = promisify(gunzip);

/** Checkpoints as gzip-compressed JSON-lines objects under `checkpoints/<runId>/` of a bucket. */
export class S3CheckpointStore implements CheckpointStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(runId: string, part: string, lines: readonly unknown[]): Promise<void> {
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: checkpointKey(runId, part),
        Body: await compress(text),
        ContentType: 'application/gzip',
      }),
    );
  }

  async get(runId: string, part: string): Promise<unknown[] | undefined> {
    try {
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: checkpointKey(runId, part) }),
      );
      const bytes = await object.Body?.transformToByteArray();
      if (!bytes) return undefined;
      const text = (await decompress(bytes)).toString('utf8');
      return text ? text.split('\n').map((line) => JSON.parse(line) as unknown) : [];
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async clear(runId: string): Promise<void> {
    const prefix = `${CHECKPOINTS_PREFIX}${runId}/`;
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key as string }));
      if (keys.length > 0) {
        await this.s3.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys } }),
        );
      }
      token = page.NextContinuationToken;
    } while (token);
  }
}
