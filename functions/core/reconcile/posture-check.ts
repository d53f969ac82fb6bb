import type { Account } from '../account.js';
import type { GeoPolicy } from '../geo/geo-policy.js';
import { mayBeAskedForCode } from '../geo/posture.js';
import type { AccountDirectory } from '../ports.js';
import type { PostureGap, RunRecord } from './run-record.js';
import type { Finding } from './situation.js';

/**
 * MFA posture of one source: people who keep their access and may be asked for a one-time
 * code, but have no verified email to receive it. Reported with the run; never acted on.
 */
export class PostureCheck {
  private checked = 0;
  private readonly gaps: PostureGap[] = [];

  private constructor(
    private readonly policy: GeoPolicy,
    private readonly source: string,
    private readonly groupsOf: Map<string, string[]>,
  ) {}

  /** Reads the members of every fenced group first: list events carry no groups. */
  static async start(policy: GeoPolicy, directory: AccountDirectory): Promise<PostureCheck> {
    const groupsOf = new Map<string, string[]>();
    for (const group of Object.keys(policy.groups)) {
      for await (const username of directory.groupMembers(group)) {
        groupsOf.set(username, [...(groupsOf.get(username) ?? []), group]);
      }
    }
    return new PostureCheck(policy, directory.source, groupsOf);
  }

  check(account: Account, finding: Finding): void {
    if (!account.enabled || finding.action !== 'none' || finding.situation === 'leaver_disabled')
      return;
    this.checked++;
    const groups = this.groupsOf.get(account.username) ?? [];
    if (!account.emailVerified && mayBeAskedForCode(this.policy, groups)) {
      this.gaps.push({ source: this.source, username: account.username, groups });
    }
  }

  addTo(run: RunRecord): void {
    run.posture ??= { checked: 0, withoutVerifiedEmail: [] };
    run.posture.checked += this.checked;
    run.posture.withoutVerifiedEmail.push(...this.gaps);
  }
}
