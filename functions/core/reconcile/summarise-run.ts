import type { RunNotice } from './ports.js';
import type { RunRecord } from './run-record.js';

/** The admins' notification: counts and where to look, never a name or an email. */
export function summariseRun(run: RunRecord): RunNotice {
  const lines = [
    `Run ${run.runId} (${run.mode}, ${run.trigger}) ended ${run.status}.`,
    `Feed: ${run.feed.kind}, ${run.feed.records} records. Accounts: ${run.accounts}.`,
    `Situations: ${Object.entries(run.counts)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}.`,
    `Disable actions: ${run.actions.planned} planned, ${run.actions.applied} applied, ${run.actions.failed} failed.`,
  ];
  if (run.guard?.tripped) {
    lines.push('Quarantined, nothing was changed:', ...run.guard.reasons.map((r) => `- ${r}`));
    lines.push('Read the report, then approve or reject the run.');
  }
  if (run.posture) {
    lines.push(
      `MFA posture: ${run.posture.withoutVerifiedEmail.length} of ${run.posture.checked} accounts may be asked for a one-time code but have no verified email (listed in the report).`,
    );
  }
  if (run.offboardings) {
    const changes = run.offboardings.feedSchedules;
    const verb = run.mode === 'dry-run' ? 'would be' : 'were';
    lines.push(
      `Offboardings: ${run.offboardings.pending.length} pending; ${changes.length} future leaver schedule(s) ${verb} created, moved or cancelled (listed in the report).`,
    );
  }
  if (run.unfencedClients?.length) {
    lines.push(
      `Unfenced app clients (sign-ins without the geo fence, by configuration): ${run.unfencedClients.map((c) => c.clientId).join(', ')}.`,
    );
  }
  if (run.error) lines.push(`Error: ${run.error}`);
  lines.push(...run.notes);
  if (run.reports) lines.push(`Report: ${run.reports.json}`, `CSV: ${run.reports.csv}`);
  return {
    runId: run.runId,
    status: run.status,
    subject:
      `Warden reconciliation ${run.status}: ${run.actions.applied} disabled, ${run.actions.planned} planned`.slice(
        0,
        99,
      ),
    message: lines.join('\n'),
  };
}
