import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ReportArtifacts, ReportStore } from '../core/reconcile/ports.js';
import type { ReportFiles } from '../core/reconcile/run-record.js';
import { type ReportExtension, reportKey } from '../core/shared/bucket-layout.js';

export class S3ReportStore implements ReportStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async write(runId: string, startedAt: Date, files: ReportArtifacts): Promise<ReportFiles> {
    const put = async (extension: ReportExtension, body: string, contentType: string) => {
      const key = reportKey(runId, startedAt, extension);
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
        }),
      );
      return `s3://${this.bucket}/${key}`;
    };
    // Three independent objects: written at once.
    const [json, csv, html] = await Promise.all([
      put('json', files.json, 'application/json'),
      put('csv', files.csv, 'text/csv; charset=utf-8'),
      files.html === undefined ? undefined : put('html', files.html, 'text/html; charset=utf-8'),
    ]);
    return html === undefined ? { json, csv } : { json, csv, html };
  }
}
