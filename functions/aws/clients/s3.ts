import { S3Client } from '@aws-sdk/client-s3';
import { clientOptions } from './options.js';

/**
 * A report upload's body is sent within the request time: 20 s carries a report of a hundred
 * megabytes at a modest 5 MB/s, and stays under the console API's 29 s timeout.
 */
const REPORT_UPLOAD_MS = 20_000;

export function s3Client(): S3Client {
  // Path-style addressing: an emulator on a loopback port has no bucket subdomains.
  return new S3Client({
    ...clientOptions(REPORT_UPLOAD_MS),
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL),
    // SigV4 signs each body's SHA-256, which S3 checks: a CRC32 besides, computed in JavaScript,
    // adds milliseconds per megabyte and no protection (decision 0050).
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}
