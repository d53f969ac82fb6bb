import { S3Client } from '@aws-sdk/client-s3';
import { CLIENT_OPTIONS } from './options.js';

export function s3Client(): S3Client {
  // Path-style addressing: an emulator on a loopback port has no bucket subdomains.
  return new S3Client({ ...CLIENT_OPTIONS, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) });
}
