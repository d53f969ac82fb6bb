import type { Account } from '../account.js';
import type { GeoPolicy } from '../geo/geo-policy.js';
import { mayBeAskedForCode } from '../geo/posture.js';
import { actionId } from './action-id.js';
import type { AccountDirectory } from './ports.js';
import type { PostureGap } from './run-record.js';
import type { Finding } from './situation.js';

export type PostureAction = 'report' | 'disable';

/** What the posture check makes of one account. */
export type PostureDecision =
  /** Not a person who keeps their access: nothing to check. */
  | { kind: 'not_checked' }
  | { kind: 'ok' }
  /** May be asked for a code but cannot receive one; `disable` when policy says to act. */
  | { kind: 'gap'; gap: PostureGap; disable?: { actionId: string; reason: string } };

const NOT_CHECKED: PostureDecision = { kind: 'not_checked' };
const OK: PostureDecision = { kind: 'ok' };

/**
 * MFA posture of one source: people who keep their access and may be asked for a one-time
 * code, but have no verified email to receive it. Reported with the run; disabled (through
 * the guard, like any change) only when the policy says so, and never when exempt.
 */
export class PostureCheck {
  private constructor(
    private readonly action: PostureAction,
    private readonly policy: GeoPolicy,
    private readonly source: string,
    private readonly groupsOf: ReadonlyMap<string, string[]>,
  ) {}

  /** Reads the members of every fenced group first: listed accounts carry no groups. */
  static async start(
    policy: GeoPolicy,
    action: PostureAction,
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

  assess(account: Account, finding: Finding): PostureDecision {
    if (!account.enabled || finding.action !== 'none' || finding.situation === 'leaver_disabled') {
      return NOT_CHECKED;
    }
    const groups = this.groupsOf.get(account.username) ?? [];
    if (account.emailVerified || !mayBeAskedForCode(this.policy, groups)) return OK;
    const gap: PostureGap = { source: this.source, username: account.username, groups };
    if (this.action !== 'disable' || finding.situation === 'exempt') return { kind: 'gap', gap };
    return {
      kind: 'gap',
      gap,
      disable: {
        actionId: actionId('disable', this.source, finding.accountKey, 'posture:no-verified-email'),
        reason: 'MFA posture: no verified email to receive a one-time code, disabled per policy',
      },
    };
  }
}
