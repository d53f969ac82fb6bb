import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED_MAX_BYTES } from '../../functions/core/hr/feed-settings.js';
import { reliabilityCount, reportFigures } from './report-figures.js';

/**
 * A feed far larger than any real one, generated here (never committed), read by the CLI in a
 * child process whose peak memory is measured: it must end in a clear answer, never a crash, and
 * memory must not grow with the file. `npm test` uses a few megabytes and a lowered limit;
 * `npm run reliability` (WARDEN_RELIABILITY_FULL=1) the 200 MB feed against the default limit.
 */
const MB = 1024 * 1024;
const directory = mkdtempSync(join(tmpdir(), 'warden-large-feed-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Writes a valid roster of about `bytes` bytes, in chunks, and returns its path. */
function writeRoster(bytes: number): string {
  const file = join(directory, `roster-${bytes}.csv`);
  const fd = openSync(file, 'w');
  try {
    let written = writeSync(fd, 'employee_id,email,display_name,status,last_day\n');
    for (let chunk = 0; written < bytes; chunk++) {
      const rows: string[] = [];
      for (let i = 0; i < 10_000; i++) {
        const n = chunk * 10_000 + i;
        rows.push(
          `E${n},person${n}@x.org,Person ${n},${n % 50 ? 'active,' : 'leaver,2024-01-31'}\n`,
        );
      }
      written += writeSync(fd, rows.join(''));
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

function validate(file: string, config?: string) {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      './tests/reliability/peak-rss.mjs',
      'bin/warden.js',
      'hr',
      'validate',
      file,
      '--json',
      ...(config ? ['--config', config] : []),
    ],
    { encoding: 'utf8', env: { ...process.env, AWS_ENDPOINT_URL: '' }, maxBuffer: 16 * MB },
  );
  const peak = /peak-rss-kb=(\d+)/.exec(child.stderr);
  return {
    code: child.status,
    signal: child.signal,
    summary: child.stdout ? JSON.parse(child.stdout) : undefined,
    peakRssMb: peak ? Math.round(Number(peak[1]) / 1024) : Number.NaN,
  };
}

describe('a feed far beyond the size limit', () => {
  it('is refused with a clear error before it is read, in bounded memory', () => {
    const full = reliabilityCount(0, 1) === 1;
    const limit = full ? DEFAULT_FEED_MAX_BYTES : 2 * MB;
    const size = full ? 200 * MB : 6 * MB;
    const config = join(directory, 'config.json');
    const fd = openSync(config, 'w');
    writeSync(fd, JSON.stringify({ feed: { maxBytes: limit } }));
    closeSync(fd);

    const result = validate(writeRoster(size), config);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(2);
    expect(result.summary).toMatchObject({
      valid: false,
      problems: [
        {
          line: null,
          field: null,
          reason: `the feed is larger than ${limit} bytes, the most a feed may be (feed.maxBytes): split it, or raise the limit together with the memory of what reads it`,
        },
      ],
    });
    // At most the limit is read: memory stays near the runtime's own plus the limit, whatever the file.
    expect(result.peakRssMb).toBeLessThan(300 + limit / MB);
    reportFigures('large-feed', {
      feedMb: size / MB,
      limitMb: limit / MB,
      peakRssMb: result.peakRssMb,
    });
  });
});
