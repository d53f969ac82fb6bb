import type { Account } from '../account.js';
import { type ClassifyContext, classify } from './classify.js';
import { disableAgain, disableAgainId } from './enabled-again.js';
import type { PostureCheck } from './posture-check.js';
import type { PostureReport } from './run-record.js';
import { emptyCounts, type Finding, type Situation } from './situation.js';

/** The plan for one source: a finding per account and the tallies the guard needs. */
export interface SourcePlan {
  readonly findings: readonly Finding[];
  readonly counts: Readonly<Record<Situation, number>>;
  readonly enabledCount: number;
  readonly disableCount: number;
  /** Keys of enabled orphans not seen before, so their first sighting is remembered. */
  readonly unseenOrphans: readonly string[];
  /** Keys of accounts remembered as orphans that HR lists again: their grace starts afresh. */
  readonly orphansGone: readonly string[];
  /** Accounts Warden disabled before that were enabled outside Warden: disabled again. */
  readonly enabledAgain: number;
  readonly posture?: PostureReport;
}

export interface SourcePlannerOptions {
  posture?: PostureCheck;
  /** Actions an interrupted run began and never recorded as finished. */
  pendingActionIds?: ReadonlySet<string>;
}

/**
 * Classifies the accounts of one source as they stream in, applies the posture check's and
 * the action journal's decisions, and keeps the tallies. `result()` gives the plan as a value.
 */
export class SourcePlanner {
  private readonly findings: Finding[] = [];
  private readonly counts = emptyCounts();
  private readonly unseenOrphans: string[] = [];
  private readonly orphansGone: string[] = [];
  private readonly postureGaps: PostureReport['withoutVerifiedEmail'] = [];
  private enabledCount = 0;
  private disableCount = 0;
  private postureChecked = 0;
  private enabledAgain = 0;

  constructor(
    private readonly ctx: ClassifyContext,
    private readonly options: SourcePlannerOptions = {},
  ) {}

  add(account: Account): Finding {
    const planned = this.afterPosture(account, classify(account, this.ctx));
    const again = disableAgain(account, planned, this.ctx.state, this.ctx.now);
    if (again !== planned) this.enabledAgain++;
    const finding = this.resumed(account, again);
    this.findings.push(finding);
    this.counts[finding.situation]++;
    if (account.enabled) this.enabledCount++;
    if (finding.action === 'disable') this.disableCount++;
    const { accountKey } = finding;
    const known = this.ctx.state.orphanFirstSeen.has(accountKey);
    if (finding.situation === 'orphan' && account.enabled && !known)
      this.unseenOrphans.push(accountKey);
    if (known && finding.match !== 'none') this.orphansGone.push(accountKey);
    return finding;
  }

  get size(): number {
    return this.findings.length;
  }

  result(): SourcePlan {
    return {
      findings: this.findings,
      counts: { ...this.counts },
      enabledCount: this.enabledCount,
      disableCount: this.disableCount,
      unseenOrphans: this.unseenOrphans,
      orphansGone: this.orphansGone,
      enabledAgain: this.enabledAgain,
      posture: this.options.posture
        ? { checked: this.postureChecked, withoutVerifiedEmail: [...this.postureGaps] }
        : undefined,
    };
  }

  private afterPosture(account: Account, finding: Finding): Finding {
    const decision = this.options.posture?.assess(account, finding);
    if (!decision || decision.kind === 'not_checked') return finding;
    this.postureChecked++;
    if (decision.kind === 'ok') return finding;
    this.postureGaps.push(decision.gap);
    if (!decision.disable) return finding;
    return {
      ...finding,
      action: 'disable',
      actionId: decision.disable.actionId,
      reason: `${finding.reason}; ${decision.disable.reason}`,
    };
  }

  /**
   * An interrupted run disabled this account but did not record it: finish and audit it. The
   * action may be the finding's own or a disable again after Warden's last one.
   */
  private resumed(account: Account, finding: Finding): Finding {
    const pending = this.options.pendingActionIds;
    if (finding.action !== 'none' || !pending) return finding;
    const earlier = account.enabled
      ? undefined
      : this.ctx.state.disabledByWarden.get(finding.accountKey);
    const again = earlier && disableAgainId(finding, earlier);
    const id = again && pending.has(again) ? again : finding.actionId;
    if (!id || !pending.has(id)) return finding;
    return {
      ...finding,
      action: 'disable',
      actionId: id,
      reason: `${finding.reason}; finishing an action an interrupted run began`,
    };
  }
}
