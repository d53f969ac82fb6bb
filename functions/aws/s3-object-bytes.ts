import { GetObjectCommand } from '@aws-sdk/client-s3';
import { parseS3Uri } from '../core/shared/bucket-layout.js';
import { WardenError } from '../core/shared/errors.js';
import { s3Client } from './clients/s3.js';

/** The bytes of an `s3://bucket/key` object. */
export async function readS3Object(uri: string): Promise<Uint8Array> {
  const location = parseS3Uri(uri);
  if (!location) throw new WardenError(`not an s3:// URI: ${uri}`);
  const object = await s3Client().send(
    new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
  );
  const bytes = await object.Body?.transformToByteArray();
  if (!bytes?.length) throw new WardenError(`${uri} is empty`);
  return bytes;
}
