// Core benchmark: correlate + classify + plan for N accounts against an N-row roster.
// Prints what it measured; run through `npm run bench` or alone: `tsx bench/core-plan.ts [N]`.
import type { Account } from '../functions/core/account.js';
import { parseReconcileConfig } from '../functions/core/config/reconcile-config.js';
import type { HrFeed, HrRecord } from '../functions/core/hr/hr-record.js';
import { whatIf } from '../functions/core/reconcile/what-if.js';

const size = Number(process.argv[2] ?? 1_000_000);
const now = new Date('2026-11-29T12:00:00Z');
const gone = new Date('2025-01-01T00:00:00Z');

// A realistic mix: 2% leavers, 5% of accounts matched by email only, 1% orphans. Inputs are
// built through JSON.parse, in chunks, as strings read from a feed file or an API page are.
function parsedInChunks<T>(make: (i: number) => string): T[] {
  const out: T[] = [];
  for (let start = 0; start < size; start += 10_000) {
    const chunk: string[] = [];
    for (let i = start; i < Math.min(size, start + 10_000); i++) chunk.push(make(i));
    for (const item of JSON.parse(`[${chunk.join(',')}]`) as T[]) out.push(item);
  }
  return out;
}
const records = parsedInChunks<HrRecord>((i) => {
  const status = i % 50 === 0 ? 'leaver' : 'active';
  return `{"employeeId":"E${i}","email":"person${i}@example.org","displayName":"","status":"${status}","location":"${i + 2}"}`;
});
for (const record of records) {
  if (record.status === 'leaver') record.lastDay = { raw: '2024-12-31', accessEndsAt: gone };
}
const accounts = parsedInChunks<Account>((i) => {
  const orphan = i % 100 === 99;
  const email = orphan ? `contractor${i}@example.org` : `Person${i}@Example.org`;
  const id = orphan || i % 20 === 0 ? '' : `,"employeeId":"E${i}"`;
  return `{"source":"bench-pool","username":"user${i}","sub":"sub-${i}","enabled":true,"status":"CONFIRMED","email":"${email}"${id}}`;
});
(globalThis as { gc?: () => void }).gc?.();
const feed: HrFeed = { kind: 'roster', source: 'bench', records };
const config = parseReconcileConfig(
  { guard: { maxDisableCount: size, maxDisablePercent: 100 } },
  'bench',
);
const rssBefore = process.memoryUsage().rss;

const started = process.hrtime.bigint();
const { run } = whatIf(feed, accounts, config, now, 'bench');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    benchmark: 'core correlate+classify+plan',
    accounts: size,
    rosterRows: size,
    wallSeconds: Number(seconds.toFixed(3)),
    accountsPerSecond: Math.round(size / seconds),
    rssBeforePlanMb: Math.round(rssBefore / 1048576),
    peakRssMb: Math.round(peakRssMb),
    counts: run.counts,
  }),
);
