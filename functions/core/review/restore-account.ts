import { createHash } from 'node:crypto';
import { z } from 'zod';
import { accountKey } from '../account.js';
import type { AuditLog } from '../shared/audit.js';
import type { Clock } from '../shared/clock.js';
import { errorName } from '../shared/errors.js';
import { parseOrThrow } from '../shared/validation.js';
import { NotFoundError, RestoreRefusedError } from './errors.js';
import { latestPlannedRun } from './latest-run.js';
import type {
  AccountRestore,
  AdminAudit,
  GovernedPool,
  RestoreLedger,
  RunHistory,
} from './ports.js';

const reason = (what: string) => z.string().trim().min(1, `is required: ${what}`).max(2000);

export const restoreInputSchema = z.strictObject({
  source: z.string().min(1).max(200),
  username: z.string().min(1).max(128),
  reason: reason('say why the account is restored; it is audited'),
  /**
   * Lets an admin restore an offboarded person or a current leaver. Who may give it is decided by
   * the caller (the console allows it to IT admins only).
   */
  overrideReason: reason('say why the rules are overridden').optional(),
  actor: z.string().min(1).max(2048),
});
export type RestoreInput = z.input<typeof restoreInputSchema>;

export interface RestoreDependencies {
  pools: readonly GovernedPool[];
  ledger: RestoreLedger;
  trail: AuditLog;
  runs: RunHistory;
  audit: AdminAudit;
  clock: Clock;
}

export interface RestoreResult {
  restoreId: string;
  source: string;
  username: string;
  /** `already_enabled`: the account was enabled before (a restore interrupted after enabling it). */
  outcome: 'enabled' | 'already_enabled';
  /** The rules an override reason set aside; empty when none applied. */
  overridden: string[];
  liftedAccessEnds: number;
  /** What the admin should know about what happens next. */
  warnings: string[];
}

/**
 * Re-enables an account Warden disabled. Refused for an account Warden did not disable, and, unless
 * an override reason is given, for an offboarded person or a current leaver. Warden forgets its
 * disables of the account (so its next disable is a new, audited change), lifts the person's access
 * ends when overriding, and audits the restore in the account's trail and the admins' audit.
 * Repeating a restore that was interrupted after the account was enabled finishes it.
 */
export async function restoreAccount(
  input: RestoreInput,
  deps: RestoreDependencies,
): Promise<RestoreResult> {
  const request = parseOrThrow(restoreInputSchema, input, 'restore');
  const { source, username } = request;
  const now = deps.clock.now();
  const attempt = {
    at: now,
    actor: request.actor,
    action: 'account.restore' as const,
    target: `${source}/${username}`,
    reason: request.reason,
    ...(request.overrideReason ? { overrideReason: request.overrideReason } : {}),
  };
  let restorable: Awaited<ReturnType<typeof restorableAccount>>;
  try {
    restorable = await restorableAccount(source, username, deps);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof RestoreRefusedError) {
      const id = `restore-refused-${createHash('sha256').update(`${attempt.target}\u0000${now.toISOString()}`).digest('hex').slice(0, 16)}`;
      await deps.audit.record({ ...attempt, id, outcome: 'refused' });
    }
    throw error;
  }
  const { pool, account, trail, last } = restorable;
  const key = accountKey(account);
  const [marks, ends, standing] = await Promise.all([
    deps.ledger.marks(source, key),
    deps.ledger.accessEnds(source, username),
    standingInLastRun(source, username, deps.runs),
  ]);
  const rules = [
    ...(marks.offboardedBy ? [`the person was offboarded (${marks.offboardedBy})`] : []),
    ...(ends.offboardings.length > 0 && !marks.offboardedBy
      ? [
          `an offboarding ended the person's access (${ends.offboardings.map((e) => e.offboardingId).join(', ')})`,
        ]
      : []),
    ...(ends.reconciliation && ends.reconciliation <= now
      ? [`the person's access ended at ${ends.reconciliation.toISOString()} (a leaver)`]
      : []),
    ...(standing?.leaver
      ? [`run ${standing.runId} lists the account as ${standing.situation}`]
      : []),
  ];
  const restoreId = `restore-${createHash('sha256').update(`${source}\u0000${key}\u0000${last.actionId}`).digest('hex').slice(0, 24)}`;
  const entry = { ...attempt, id: restoreId };
  if (rules.length > 0 && !request.overrideReason) {
    await deps.audit.record({ ...entry, outcome: 'refused' });
    throw new RestoreRefusedError(
      `${source}/${username} is not restored: ${rules.join('; ')}. An admin may restore it with an override reason.`,
      true,
    );
  }
  const override = rules.length > 0;
  const restore: AccountRestore = {
    restoreId,
    source,
    username,
    accountKey: key,
    at: now,
    actor: request.actor,
    reason: request.reason,
    ...(request.overrideReason ? { overrideReason: request.overrideReason } : {}),
    disableActionIds: disablesSinceLastRestore(trail),
    ...(override
      ? {
          liftAccessEnds: {
            offboardingIds: ends.offboardings.map((e) => e.offboardingId),
            reconciliation: ends.reconciliation !== undefined,
          },
        }
      : {}),
  };
  try {
    if (!account.enabled) await pool.enable(username);
    await deps.ledger.recordRestore(restore);
  } catch (error) {
    await deps.audit.record({ ...entry, outcome: `failed: ${errorName(error)}` });
    throw error;
  }
  const outcome = account.enabled ? 'already_enabled' : 'enabled';
  await deps.audit.record({ ...entry, outcome });
  return {
    restoreId,
    source,
    username,
    outcome,
    overridden: override ? rules : [],
    liftedAccessEnds: override
      ? ends.offboardings.length + (ends.reconciliation !== undefined ? 1 : 0)
      : 0,
    warnings: warningsFor(standing, override),
  };
}

/** The governed account and its trail, when Warden's last change to it was a disable. */
async function restorableAccount(source: string, username: string, deps: RestoreDependencies) {
  const pool = deps.pools.find((p) => p.source === source);
  if (!pool) throw new NotFoundError(`${source} is not a user pool Warden governs`);
  const account = await pool.byUsername(username);
  if (!account) throw new NotFoundError(`no account ${username} in ${source}`);
  const trail = await deps.trail.listAudit(source, username);
  const last = trail.at(-1);
  if (last?.kind !== 'disable') {
    throw new RestoreRefusedError(
      last
        ? `${source}/${username} was last changed by a ${last.kind} at ${last.at.toISOString()}; Warden has not disabled it since`
        : `Warden never disabled ${source}/${username}; enable it in the user pool if it must be`,
      false,
    );
  }
  return { pool, account, trail, last };
}

const LEAVING = new Set(['leaver', 'leaver_disabled']);

/** Where the last run that planned put the account, if it kept it among its findings. */
async function standingInLastRun(source: string, username: string, runs: RunHistory) {
  const run = await latestPlannedRun(runs);
  if (!run) return undefined;
  const finding = await runs.getFinding(run.runId, source, username);
  return finding
    ? { runId: run.runId, situation: finding.situation, leaver: LEAVING.has(finding.situation) }
    : undefined;
}

function disablesSinceLastRestore(trail: readonly { kind: string; actionId: string }[]): string[] {
  const lastRestore = trail.map((e) => e.kind).lastIndexOf('restore');
  return trail
    .slice(lastRestore + 1)
    .filter((e) => e.kind === 'disable')
    .map((e) => e.actionId);
}

function warningsFor(
  standing: Awaited<ReturnType<typeof standingInLastRun>>,
  override: boolean,
): string[] {
  const warnings: string[] = [];
  if (standing?.leaver || standing?.situation === 'orphan')
    warnings.push(
      `the last run found the account ${standing.situation}: the next applied run will disable it again unless HR's record changes or the account is exempted`,
    );
  if (override)
    warnings.push(
      "the person's access ends were lifted: the sign-in triggers let them in again until a new offboarding or run records one",
    );
  return warnings;
}
