import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { ReportFinding } from '../core/reconcile/render-report.js';
import type { RunRecord } from '../core/reconcile/run-record.js';
import type { ReportArchive, ReportFormat } from '../core/review/ports.js';
import { parseS3Uri } from '../core/shared/bucket-layout.js';

/** Runs whose findings stay parsed in memory: a console page reads the same run many times. */
const CACHED_RUNS = 2;

/** A run's report artifacts, read from the reports bucket by the URIs its record holds. */
export class S3ReportArchive implements ReportArchive {
  private readonly cache = new Map<string, ReportFinding[]>();

  constructor(private readonly s3: S3Client) {}

  async read(run: RunRecord, format: ReportFormat): Promise<string | undefined> {
    const location = parseS3Uri(run.reports?.[format] ?? '');
    if (!location) return undefined;
    try {
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
      );
      return await object.Body?.transformToString('utf-8');
    } catch (error) {
      // Reports expire with the bucket's retention; the record outlives them.
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async readFindings(run: RunRecord): Promise<ReportFinding[] | undefined> {
    const cached = this.cache.get(run.runId);
    if (cached) return cached;
    const text = await this.read(run, 'json');
    if (text === undefined) return undefined;
    const findings = (JSON.parse(text) as { findings?: ReportFinding[] }).findings;
    if (!Array.isArray(findings)) return undefined;
    this.cache.set(run.runId, findings);
    for (const key of [...this.cache.keys()].slice(0, -CACHED_RUNS)) this.cache.delete(key);
    return findings;
  }
}
