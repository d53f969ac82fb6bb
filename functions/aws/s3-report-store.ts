import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PendingReportArtifacts, ReportStore } from '../core/reconcile/ports.js';
import type { ReportFiles } from '../core/reconcile/run-record.js';
import { type ReportExtension, reportKey } from '../core/shared/bucket-layout.js';

export class S3ReportStore implements ReportStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async write(runId: string, startedAt: Date, files: PendingReportArtifacts): Promise<ReportFiles> {
    const put = async (
      extension: ReportExtension,
      rendering: string | Promise<string>,
      contentType: string,
    ) => {
      const key = reportKey(runId, startedAt, extension);
      const body = await rendering;
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
    const putHtml = async () => {
      const body = await files.html;
      return body === undefined ? undefined : put('html', body, 'text/html; charset=utf-8');
    };
    // Three independent objects: each written as soon as it is rendered.
    const [json, csv, html] = await Promise.all([
      put('json', files.json, 'application/json'),
      put('csv', files.csv, 'text/csv; charset=utf-8'),
      putHtml(),
    ]);
    return html === undefined ? { json, csv } : { json, csv, html };
  }
}
