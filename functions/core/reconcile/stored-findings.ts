import type { ActionOutcomeKind, StoredFinding } from './run-record.js';
import type { Finding } from './situation.js';

/** A planned disable carries its outcome; one never applied (dry-run, quarantine) says so. */
export function withOutcome(
  finding: Finding,
  outcomes: ReadonlyMap<string, ActionOutcomeKind>,
): StoredFinding {
  return finding.action === 'disable'
    ? { ...finding, outcome: outcomes.get(finding.actionId as string) ?? 'not_applied' }
    : finding;
}

/** A finding as it stands before any disable is applied: a planned disable says `not_applied`. */
export function beforeApplying(finding: Finding): StoredFinding {
  return withOutcome(finding, NO_OUTCOMES);
}

const NO_OUTCOMES: ReadonlyMap<string, ActionOutcomeKind> = new Map();

export function withOutcomes(
  findings: readonly Finding[],
  outcomes: ReadonlyMap<string, ActionOutcomeKind>,
): StoredFinding[] {
  return findings.map((f) => withOutcome(f, outcomes));
}

/** What an admin may act on, and every planned change (an approval applies only stored ones). */
export function needsReview(finding: Finding): boolean {
  return finding.situation !== 'active' || !finding.enabled || finding.action !== 'none';
}
