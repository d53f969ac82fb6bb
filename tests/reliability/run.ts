// `npm run reliability`: the reliability suites with their full counts, then one table of what
// they measured (tests/reliability/table.ts), and the production dependencies' audit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reliabilityRows, renderTable, type SuiteFigures } from './table.js';

const out = mkdtempSync(join(tmpdir(), 'warden-reliability-'));
const started = Date.now();
const suites = spawnSync('npx', ['vitest', 'run', '--project', 'reliability'], {
  stdio: 'inherit',
  env: { ...process.env, WARDEN_RELIABILITY_FULL: '1', WARDEN_RELIABILITY_OUT: out },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);

const figures: SuiteFigures = {};
for (const file of readdirSync(out).filter((f) => f.endsWith('.json')))
  figures[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(out, file), 'utf8'));
rmSync(out, { recursive: true, force: true });

const rows = reliabilityRows(figures);
rows.push(['high or critical advisories (npm audit --omit=dev)', productionAudit()]);
rows.push([
  'suites',
  suites.status === 0 ? `passed, in ${minutes} min` : `FAILED, in ${minutes} min`,
]);
console.log(`\n${renderTable(rows)}`);
process.exit(suites.status ?? 1);

/** High and critical advisories of the production dependencies, or why there is no answer. */
function productionAudit(): string {
  const audit = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
  try {
    const report = JSON.parse(audit.stdout) as {
      metadata?: { vulnerabilities?: Record<string, number> };
      error?: { summary?: string };
      message?: string;
    };
    const counts = report.metadata?.vulnerabilities;
    if (counts) return `${(counts.high ?? 0) + (counts.critical ?? 0)}`;
    return `not measured: ${report.error?.summary || report.message || 'no answer from the registry'}`;
  } catch {
    return 'not measured: no answer from the registry';
  }
}
