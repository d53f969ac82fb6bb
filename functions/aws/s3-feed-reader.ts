import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Reads an HR feed object as bytes: the feed's own rules say how to decode them. */
export async function readFeedObject(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!object.Body) throw new Error(`s3://${bucket}/${key} has no body`);
  return object.Body.transformToByteArray();
}
