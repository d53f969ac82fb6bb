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
  const disables = percentCheck('maxDisablePercent', disableCount, enabledCount, config);
  const disablePercent = disables.measured;
  const checks: GuardCheck[] = [
    check('maxDisableCount', config.maxDisableCount, disableCount, 'accounts'),
    disables,
  ];
  if (disableCount > config.maxDisableCount) {
    reasons.push(
      `plan disables ${disableCount} accounts, more than maxDisableCount ${config.maxDisableCount}`,
    );
  }
  if (disables.tripped) {
    reasons.push(
      `plan disables ${disablePercent}% of ${enabledCount} enabled accounts, more than maxDisablePercent ${config.maxDisablePercent}%`,
    );
  }
  // Only a full roster has a size that means something; a leavers list shrinks naturally.
  if (feed.kind === 'roster' && baseline && baseline.kind === 'roster' && baseline.records > 0) {
    const lost = baseline.records - feed.records;
    const shrink = percentCheck('maxRosterShrinkPercent', lost, baseline.records, config);
    checks.push(shrink);
    if (shrink.tripped) {
      reasons.push(
        `roster shrank by ${shrink.measured}% (${baseline.records} -> ${feed.records} records) since the feed accepted in run ${baseline.runId}, more than maxRosterShrinkPercent ${config.maxRosterShrinkPercent}%`,
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

/**
 * `part` of `whole` against a limit in percent. It trips only above the limit, compared without
 * rounding (and by multiplying, so 3 of 15 is exactly 20%). The percent shown has a tenth, or as
 * many more decimals as it takes to tell a tripped rule from its limit (20.04% is not 20%).
 */
function percentCheck(
  rule: 'maxDisablePercent' | 'maxRosterShrinkPercent',
  part: number,
  whole: number,
  config: GuardConfig,
): GuardCheck {
  const threshold = config[rule];
  const tripped = part * 100 > threshold * whole;
  const exact = whole === 0 ? 0 : (part / whole) * 100;
  let measured = exact;
  for (let decimals = 1; decimals <= 6; decimals++) {
    const rounded = Math.round(exact * 10 ** decimals) / 10 ** decimals;
    if (rounded > threshold === tripped) {
      measured = rounded;
      break;
    }
  }
  return { rule, threshold, measured, unit: 'percent', tripped };
}
