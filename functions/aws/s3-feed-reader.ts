import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Reads an HR feed object as UTF-8 text. */
export async function readFeedObject(s3: S3Client, bucket: string, key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!object.Body) throw new Error(`s3://${bucket}/${key} has no body`);
  return object.Body.transformToString('utf-8');
}
