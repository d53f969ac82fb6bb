import type { Account } from '../account.js';
import type { GeoPolicy } from '../geo/geo-policy.js';
import { mayBeAskedForCode } from '../geo/posture.js';
import type { AccountDirectory } from '../ports.js';
import { actionId } from './action-id.js';
import type { PostureGap, RunRecord } from './run-record.js';
import type { Finding } from './situation.js';

/**
 * MFA posture of one source: people who keep their access and may be asked for a one-time
 * code, but have no verified email to receive it. Reported with the run; disabled (through
 * the guard, like any change) only when the policy says so, and never when exempt.
 */
export class PostureCheck {
  private checked = 0;
  private readonly gaps: PostureGap[] = [];

  private constructor(
    private readonly action: 'report' | 'disable',
    private readonly policy: GeoPolicy,
    private readonly source: string,
    private readonly groupsOf: Map<string, string[]>,
  ) {}

  /** Reads the members of every fenced group first: list events carry no groups. */
  static async start(
    policy: GeoPolicy,
    action: 'report' | 'disable',
    directory: AccountDirectory,
  ): Promise<PostureCheck> {
    const groupsOf = new Map<string, string[]>();
    for (const group of Object.keys(policy.groups)) {
      for await (const username of directory.groupMembers(group)) {
        groupsOf.set(username, [...(groupsOf.get(username) ?? []), group]);
      }
    }
    return new PostureCheck(action, policy, directory.source, groupsOf);
  }

  /** Returns true when, per policy, the account is now planned to be disabled. */
  check(account: Account, finding: Finding): boolean {
    if (!account.enabled || finding.action !== 'none' || finding.situation === 'leaver_disabled') {
      return false;
    }
    this.checked++;
    const groups = this.groupsOf.get(account.username) ?? [];
    if (account.emailVerified || !mayBeAskedForCode(this.policy, groups)) return false;
    this.gaps.push({ source: this.source, username: account.username, groups });
    if (this.action !== 'disable' || finding.situation === 'exempt') return false;
    finding.action = 'disable';
    finding.actionId = actionId(
      'disable',
      this.source,
      finding.accountKey,
      'posture:no-verified-email',
    );
    finding.reason +=
      '; MFA posture: no verified email to receive a one-time code, disabled per policy';
    return true;
  }

  addTo(run: RunRecord): void {
    run.posture ??= { checked: 0, withoutVerifiedEmail: [] };
    run.posture.checked += this.checked;
    run.posture.withoutVerifiedEmail.push(...this.gaps);
  }
}
