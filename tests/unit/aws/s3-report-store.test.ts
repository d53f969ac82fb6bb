import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3ReportStore } from '../../../functions/aws/s3-report-store.js';

const s3 = mockClient(S3Client);
const reports = new S3ReportStore(new S3Client({ region: 'us-east-1' }), 'warden-reports');

beforeEach(() => s3.reset());

describe('reports in S3', () => {
  it('writes the JSON and CSV reports under the run’s day, and says where they are', async () => {
    s3.on(PutObjectCommand).resolves({});
    const files = await reports.write('r-1', new Date('2026-11-29T12:00:00Z'), {
      json: '{"runId":"r-1"}',
      csv: 'source,username\n',
    });
    expect(files).toEqual({
      json: 's3://warden-reports/runs/2026/11/29/r-1/report.json',
      csv: 's3://warden-reports/runs/2026/11/29/r-1/report.csv',
    });
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input)).toEqual([
      {
        Bucket: 'warden-reports',
        Key: 'runs/2026/11/29/r-1/report.json',
        Body: '{"runId":"r-1"}',
        ContentType: 'application/json',
      },
      {
        Bucket: 'warden-reports',
        Key: 'runs/2026/11/29/r-1/report.csv',
        Body: 'source,username\n',
        ContentType: 'text/csv; charset=utf-8',
      },
    ]);
  });

  it('uploads each report as soon as it is rendered', async () => {
    s3.on(PutObjectCommand).resolves({});
    let renderCsv: (csv: string) => void = () => undefined;
    const csv = new Promise<string>((resolve) => {
      renderCsv = resolve;
    });
    const writing = reports.write('r-1', new Date('2026-11-29T12:00:00Z'), {
      json: '{}',
      csv,
      html: Promise.resolve('<!doctype html>'),
    });
    await new Promise((resolve) => setImmediate(resolve));
    const keys = () => s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);
    expect(keys()).toEqual(['runs/2026/11/29/r-1/report.json', 'runs/2026/11/29/r-1/report.html']);
    renderCsv('source,username\n');
    expect(await writing).toEqual({
      json: 's3://warden-reports/runs/2026/11/29/r-1/report.json',
      csv: 's3://warden-reports/runs/2026/11/29/r-1/report.csv',
      html: 's3://warden-reports/runs/2026/11/29/r-1/report.html',
    });
    expect(keys()).toHaveLength(3);
  });

  it('fails when a report cannot be written', async () => {
    s3.on(PutObjectCommand).rejects(new Error('AccessDenied'));
    await expect(
      reports.write('r-1', new Date('2026-11-29T12:00:00Z'), { json: '{}', csv: '' }),
    ).rejects.toThrow('AccessDenied');
  });
});
