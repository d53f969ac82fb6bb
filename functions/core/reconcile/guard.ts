import type { GuardConfig } from '../config/reconcile-config.js';
import type { FeedKind } from '../hr/hr-record.js';
import type { FeedBaseline } from './feed-baseline.js';

/** One rule of the guard as this run measured it. */
export interface GuardCheck {
  rule: 'maxDisableCount' | 'maxDisablePercent' | 'maxRosterShrinkPercent';
  /** The configured limit. */
  threshold: number;
  /** What this run measured against it (accounts, or a percentage). */
  measured: number;
  unit: 'accounts' | 'percent';
  tripped: boolean;
}

export interface GuardVerdict {
  tripped: boolean;
  /** One sentence per rule that tripped. */
  reasons: string[];
  /** Every rule that applied, with its threshold and the measured value (absent on older runs). */
  checks?: GuardCheck[];
  disableCount: number;
  enabledCount: number;
  disablePercent: number;
  feedRecords: number;
  previousFeedRecords?: number;
}

export interface GuardInput {
  disableCount: number;
  enabledCount: number;
  feed: { kind: FeedKind; records: number };
  baseline?: FeedBaseline;
  config: GuardConfig;
}

/**
 * Stops a plan that looks like the product of a truncated or wrong HR feed. It is evaluated in
 * dry-run too, so a dry-run shows whether a real run would be quarantined.
 */
export function evaluateGuard({
  disableCount,
  enabledCount,
  feed,
  baseline,
  config,
}: GuardInput): GuardVerdict {
  const reasons: string[] = [];
  const disablePercent = enabledCount === 0 ? 0 : round((disableCount / enabledCount) * 100);
  const checks: GuardCheck[] = [
    check('maxDisableCount', config.maxDisableCount, disableCount, 'accounts'),
    check('maxDisablePercent', config.maxDisablePercent, disablePercent, 'percent'),
  ];
  if (disableCount > config.maxDisableCount) {
    reasons.push(
      `plan disables ${disableCount} accounts, more than maxDisableCount ${config.maxDisableCount}`,
    );
  }
  if (disablePercent > config.maxDisablePercent) {
    reasons.push(
      `plan disables ${disablePercent}% of ${enabledCount} enabled accounts, more than maxDisablePercent ${config.maxDisablePercent}%`,
    );
  }
  // Only a full roster has a size that means something; a leavers list shrinks naturally.
  if (feed.kind === 'roster' && baseline && baseline.kind === 'roster' && baseline.records > 0) {
    const shrinkPercent = round(((baseline.records - feed.records) / baseline.records) * 100);
    checks.push(
      check('maxRosterShrinkPercent', config.maxRosterShrinkPercent, shrinkPercent, 'percent'),
    );
    if (shrinkPercent > config.maxRosterShrinkPercent) {
      reasons.push(
        `roster shrank by ${shrinkPercent}% (${baseline.records} -> ${feed.records} records) since the feed accepted in run ${baseline.runId}, more than maxRosterShrinkPercent ${config.maxRosterShrinkPercent}%`,
      );
    }
  }
  return {
    tripped: reasons.length > 0,
    reasons,
    checks,
    disableCount,
    enabledCount,
    disablePercent,
    feedRecords: feed.records,
    previousFeedRecords: baseline?.records,
  };
}

function check(
  rule: GuardCheck['rule'],
  threshold: number,
  measured: number,
  unit: GuardCheck['unit'],
): GuardCheck {
  return { rule, threshold, measured, unit, tripped: measured > threshold };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
