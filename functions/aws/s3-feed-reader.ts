import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FeedLocation, FeedSource } from '../core/reconcile/ports.js';
import { WardenError } from '../core/shared/errors.js';

/** HR feeds as S3 objects, read as bytes: the feed's own settings say how to decode them. */
export class S3FeedSource implements FeedSource {
  constructor(private readonly s3: S3Client) {}

  async read({ bucket, key }: FeedLocation): Promise<Uint8Array> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!object.Body) throw new WardenError(`s3://${bucket}/${key} has no body`);
    return object.Body.transformToByteArray();
  }
}
