// How the admin commands print the review's view models in a terminal.
import { SITUATIONS } from '../functions/core/reconcile/situation.js';
import type { PersonView } from '../functions/core/review/find-person.js';
import type { RestoreResult } from '../functions/core/review/restore-account.js';
import type { ChangeList } from '../functions/core/review/run-changes.js';
import type { RunListItem, RunReportView } from '../functions/core/review/run-report.js';

const time = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace('T', ' ')}Z` : '-');

export function formatRunsList(runs: RunListItem[], next: string | null): string {
  if (runs.length === 0) return 'no runs';
  const lines = runs.map((r) => {
    const marker = r.status === 'quarantined' && !r.review ? '  <- awaiting review' : '';
    const attention = SITUATIONS.filter((s) => s !== 'active' && r.counts[s] > 0)
      .map((s) => `${s} ${r.counts[s]}`)
      .join(', ');
    return `${r.runId}  ${time(r.startedAt)}  ${r.mode.padEnd(7)} ${r.status.padEnd(21)} ${r.trigger.padEnd(10)} ${attention}${marker}`;
  });
  if (next) lines.push(`more: --after ${next}`);
  return lines.join('\n');
}

export function formatRunReport(view: RunReportView): string {
  const { run, actions } = view;
  const lines = [
    `Run ${run.runId}: ${run.status} (${run.mode}), triggered by ${run.trigger}`,
    `  started ${time(run.startedAt)}, finished ${time(run.finishedAt)}`,
    `  feed: ${run.feed.source} (${run.feed.kind}, ${run.feed.records} records); accounts: ${run.accounts}`,
    `  situations: ${
      view.counts
        .filter((c) => c.count > 0)
        .map((c) => `${c.situation} ${c.count}`)
        .join(', ') || 'none'
    }`,
  ];
  if (view.guard) {
    lines.push(
      `  guard: ${view.guard.tripped ? 'TRIPPED, quarantined: nothing was changed' : 'passed'}`,
    );
    for (const c of view.guard.checks) {
      const unit = c.unit === 'percent' ? '%' : '';
      lines.push(
        `    ${c.rule.padEnd(24)} threshold ${c.threshold}${unit}, measured ${c.measured}${unit}${c.tripped ? '  TRIPPED' : ''}`,
      );
    }
    for (const r of view.guard.reasons) lines.push(`    - ${r}`);
  }
  if (view.review) {
    lines.push(
      `  ${view.review.decision} by ${view.review.by} at ${time(view.review.at)}: ${view.review.reason}`,
    );
    if (view.review.appliedBy)
      lines.push(
        `    applied by run ${view.review.appliedBy.runId}, ${view.review.appliedBy.status}`,
      );
  }
  const c = actions.counts;
  lines.push(
    actions.applied
      ? `  disable actions: ${c.planned} planned, ${c.applied} disabled, ${c.alreadyDone} already done, ${c.failed} failed`
      : `  would disable (sign-out everywhere + disable): ${c.planned}`,
  );
  for (const f of actions.rows)
    lines.push(
      `    ${`${f.source}/${f.username}`.padEnd(40)} ${(f.outcome ?? '').padEnd(12)} ${f.reason}`,
    );
  if (actions.more > 0)
    lines.push(`    ... and ${actions.more} more (warden runs show ${run.runId} --action disable)`);
  if (view.errors.run) lines.push(`  error: ${view.errors.run}`);
  if (view.changes) {
    const ch = view.changes;
    lines.push(
      `  since run ${ch.previousRunId} (${time(ch.previousStartedAt)}): ${ch.newLeavers.count} new leavers, ${ch.newlyDisabled.count} newly disabled, ${ch.resolvedOrphans.count} resolved orphans, ${ch.newOrphans.count} new orphans`,
    );
    const show = (label: string, list: ChangeList) => {
      for (const a of list.accounts.slice(0, 10))
        lines.push(
          `    ${label}: ${a.source}/${a.username} (${a.previousSituation ?? 'not listed'} -> ${a.situation ?? 'not listed'})`,
        );
    };
    show('new leaver', ch.newLeavers);
    show('newly disabled', ch.newlyDisabled);
    show('resolved orphan', ch.resolvedOrphans);
    show('new orphan', ch.newOrphans);
    for (const n of ch.notes) lines.push(`    note: ${n}`);
  }
  for (const o of view.offboardings?.pending ?? [])
    lines.push(
      `  pending offboarding: ${o.employeeId} at ${time(o.effectiveAt)} (${o.origin}, ${o.id})`,
    );
  for (const e of view.expiringExemptions)
    lines.push(
      `  exemption expiring: ${e.username ?? e.employeeId} on ${e.expires} (${e.daysLeft} days; owner ${e.owner})`,
    );
  if (view.posture)
    lines.push(
      `  MFA posture: ${view.posture.withoutVerifiedEmail.length} of ${view.posture.checked} accounts cannot receive a code`,
    );
  for (const g of view.posture?.withoutVerifiedEmail ?? [])
    lines.push(`    ${g.source}/${g.username}`);
  for (const u of view.unfencedClients) lines.push(`  unfenced client: ${u.clientId}: ${u.reason}`);
  const page = view.findings;
  lines.push(
    `  findings: page ${page.page} of ${page.pages}, ${page.rows.length} of ${page.matched} matching (${page.total} in all)${page.complete ? '' : '; only those kept for review'}`,
  );
  for (const f of page.rows)
    lines.push(
      `    ${f.situation.padEnd(17)} ${`${f.source}/${f.username}`.padEnd(40)} ${(f.employeeId ?? '').padEnd(10)} ${f.reason}`,
    );
  for (const n of run.notes) lines.push(`  note: ${n}`);
  for (const [label, where] of Object.entries(view.links))
    if (where) lines.push(`  ${label}: ${where}`);
  return lines.join('\n');
}

export function formatPerson(person: PersonView): string {
  const lines = [
    `${person.query}: ${person.accounts.length} account(s)${person.employeeIds.length ? `, employee id ${person.employeeIds.join(', ')}` : ''}`,
  ];
  for (const a of person.accounts) {
    const standing = a.lastRun
      ? `${a.lastRun.situation} in run ${a.lastRun.runId}`
      : 'not in the last run';
    lines.push(
      `  ${a.source}/${a.username}: ${a.enabled ? 'enabled' : 'disabled'}, ${standing}${a.accessEndsAt ? `, access ends ${time(a.accessEndsAt)}` : ''}`,
    );
  }
  for (const o of person.offboardings)
    lines.push(
      `  offboarding ${o.id}: ${o.status}, access ends ${time(o.effectiveAt)} (${o.origin})`,
    );
  lines.push(`  trail (${person.trail.length}):`);
  for (const e of person.trail) {
    lines.push(
      e.type === 'change'
        ? `    ${time(e.at)} ${e.source}/${e.username} ${e.kind} (${e.runId})${e.actor ? ` by ${e.actor}` : ''}: ${e.reason}`
        : `    ${time(e.at)} ${e.source}/${e.username} sign-in ${e.outcome} ${e.country ?? '--'} ${e.rule}: ${e.reason}`,
    );
  }
  return lines.join('\n');
}

export function formatRestore(result: RestoreResult): string {
  const lines = [
    `${result.source}/${result.username}: ${result.outcome === 'enabled' ? 'enabled again' : 'was already enabled; the restore is recorded'} (${result.restoreId})`,
  ];
  for (const r of result.overridden) lines.push(`  overridden: ${r}`);
  if (result.liftedAccessEnds > 0) lines.push(`  access ends lifted: ${result.liftedAccessEnds}`);
  for (const w of result.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}
