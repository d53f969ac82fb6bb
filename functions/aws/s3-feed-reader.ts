import { GetObjectCommand, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { FeedLocation, FeedObject, FeedSource } from '../core/reconcile/ports.js';
import { WardenError } from '../core/shared/errors.js';

/** HR feeds as S3 objects, read as bytes: the feed's own settings say how to decode them. */
export class S3FeedSource implements FeedSource {
  constructor(private readonly s3: S3Client) {}

  async read({ bucket, key, version }: FeedLocation, maxBytes: number): Promise<FeedObject> {
    try {
      // One byte past the limit is enough to tell that a feed is too large.
      const object = await this.s3.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          Range: `bytes=0-${maxBytes}`,
          ...(version ? { VersionId: version } : {}),
        }),
      );
      if (!object.Body) throw new WardenError(`s3://${bucket}/${key} has no body`);
      const bytes = await object.Body.transformToByteArray();
      // An unversioned bucket answers the version "null": nothing to read again by.
      const read = object.VersionId && object.VersionId !== 'null' ? object.VersionId : undefined;
      return read ? { bytes, version: read } : { bytes };
    } catch (error) {
      // S3 answers a range of an empty object with 416: the feed is empty.
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416) {
        return version ? { bytes: new Uint8Array(0), version } : { bytes: new Uint8Array(0) };
      }
      throw error;
    }
  }
}
