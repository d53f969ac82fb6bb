import type { RunRecord, StoredFinding } from '../functions/core/reconcile/run-record.js';
import { SITUATIONS } from '../functions/core/reconcile/situation.js';

/** A readable summary of a run for the terminal. */
export function formatRun(run: RunRecord, findings: readonly StoredFinding[]): string {
  const lines = [`Run ${run.runId}: ${run.status} (${run.mode})`];
  lines.push(
    `  feed: ${run.feed.source}, ${run.feed.kind}, ${run.feed.records} records; accounts: ${run.accounts}`,
  );
  lines.push('  situations:');
  for (const situation of SITUATIONS) {
    if (run.counts[situation] > 0)
      lines.push(`    ${situation.padEnd(18)} ${String(run.counts[situation]).padStart(6)}`);
  }
  const weak = findings.filter((f) => f.match === 'email').length;
  if (weak > 0)
    lines.push(`  ${weak} account(s) matched by email only (weaker than the employee id)`);
  if (run.guard?.tripped) {
    lines.push('  QUARANTINED by the guard - nothing would be changed:');
    for (const reason of run.guard.reasons) lines.push(`    - ${reason}`);
  } else if (run.guard) {
    lines.push(
      `  guard: passed (${run.guard.disableCount} to disable = ${run.guard.disablePercent}% of ${run.guard.enabledCount} enabled)`,
    );
  }
  const actions = findings.filter((f) => f.action === 'disable');
  if (actions.length > 0) {
    const verb =
      run.mode === 'dry-run' || run.status === 'quarantined' ? 'would disable' : 'disabled';
    lines.push(`  ${verb} (sign-out everywhere + disable):`);
    for (const f of actions)
      lines.push(`    ${f.username.padEnd(28)} ${f.outcome ?? ''}  ${f.reason}`);
  }
  for (const note of run.notes) lines.push(`  note: ${note}`);
  if (run.reports) lines.push(`  report: ${run.reports.json}`, `          ${run.reports.csv}`);
  return lines.join('\n');
}
