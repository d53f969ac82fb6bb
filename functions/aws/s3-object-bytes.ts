import { GetObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from './report-clients.js';

/** The bytes of an `s3://bucket/key` object. */
export async function readS3Object(uri: string): Promise<Uint8Array> {
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
  if (!bucket || !key) throw new Error(`not an s3:// URI: ${uri}`);
  const object = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await object.Body?.transformToByteArray();
  if (!bytes?.length) throw new Error(`${uri} is empty`);
  return bytes;
}
