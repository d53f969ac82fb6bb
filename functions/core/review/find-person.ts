import { z } from 'zod';
import type { Account } from '../account.js';
import type { SignInLog, SignInOutcome } from '../geo/ports.js';
import { type OffboardingView, viewOf } from '../offboarding/offboarding.js';
import type { AccountIndex, OffboardingStore } from '../offboarding/ports.js';
import type { Situation } from '../reconcile/situation.js';
import type { AuditLog } from '../shared/audit.js';
import { parseOrThrow } from '../shared/validation.js';
import { latestPlannedRun } from './latest-run.js';
import type { GovernedPool, RestoreLedger, RunHistory } from './ports.js';

export const personQuerySchema = z.strictObject({
  query: z.string().trim().min(1, 'is required: an employee id, a username or an email').max(256),
  /** What the query is; by default an address with `@` is an email, anything else is tried as both an employee id and a username. */
  by: z.enum(['employeeId', 'username', 'email']).optional(),
});
export type PersonQuery = z.input<typeof personQuerySchema>;

export interface PersonAccount {
  source: string;
  username: string;
  enabled: boolean;
  employeeId: string | null;
  /** Where the last run that planned put the account; null when it was created after that run. */
  lastRun: { runId: string; situation: Situation; reason: string } | null;
  /** When the person's access to this account ended or ends (the earliest recorded). */
  accessEndsAt: string | null;
}

/** One entry of a person's trail, newest first: a change Warden made, or a sign-in decision. */
export type TrailEvent =
  | {
      type: 'change';
      at: string;
      source: string;
      username: string;
      kind: string;
      runId: string;
      reason: string;
      actor: string | null;
    }
  | {
      type: 'sign-in';
      at: string;
      source: string;
      username: string;
      outcome: SignInOutcome;
      country: string | null;
      rule: string;
      reason: string;
    };

export interface PersonView {
  query: string;
  /** The employee ids the accounts found belong to. */
  employeeIds: string[];
  accounts: PersonAccount[];
  offboardings: OffboardingView[];
  trail: TrailEvent[];
  lastRun: { runId: string; startedAt: string } | null;
}

export interface FindPersonDependencies {
  pools: readonly GovernedPool[];
  index: AccountIndex;
  offboardings: OffboardingStore;
  ledger: Pick<RestoreLedger, 'accessEnds'>;
  trail: AuditLog;
  signIns: Pick<SignInLog, 'listDecisions'>;
  runs: RunHistory;
}

/**
 * A person by employee id, username or email: their accounts in every governed pool (from the
 * account index, and live lookups for accounts created since), where the last run put each one,
 * their access end, their offboardings, and their full trail.
 */
export async function findPerson(
  input: PersonQuery,
  deps: FindPersonDependencies,
): Promise<PersonView> {
  const { query, by } = parseOrThrow(personQuerySchema, input, 'person search');
  const sources = deps.pools.map((p) => p.source);
  const found = new Map<string, Account>();
  const add = (accounts: readonly (Account | undefined)[]) => {
    for (const a of accounts) if (a) found.set(`${a.source}\u0000${a.username}`, a);
  };
  const kind = by ?? (query.includes('@') ? 'email' : undefined);
  const employeeIds = new Set<string>();
  if (kind === 'email') {
    add((await Promise.all(deps.pools.map((p) => p.byEmail(query.toLowerCase())))).flat());
  }
  if (kind === 'username' || kind === undefined) {
    add(await Promise.all(deps.pools.map((p) => p.byUsername(query))));
  }
  if (kind === 'employeeId' || kind === undefined) {
    const person = await deps.index.lookup(query, sources);
    if (person.accounts.length > 0 || kind === 'employeeId') employeeIds.add(query);
  }
  for (const a of found.values()) if (a.employeeId) employeeIds.add(a.employeeId);
  // Every account the index ties to these people, read live.
  for (const employeeId of employeeIds) {
    const person = await deps.index.lookup(employeeId, sources);
    add(
      await Promise.all(
        person.accounts
          .filter((a) => !found.has(`${a.source}\u0000${a.username}`))
          .map((a) => deps.pools.find((p) => p.source === a.source)?.byUsername(a.username)),
      ),
    );
  }
  const accounts = [...found.values()].sort(
    (a, b) => cmp(a.source, b.source) || cmp(a.username, b.username),
  );
  const lastRun = await latestPlannedRun(deps.runs);
  const offboardings = (await deps.offboardings.list()).filter((o) =>
    employeeIds.has(o.employeeId),
  );
  const perAccount = await Promise.all(
    accounts.map(async (a) => {
      const [finding, ends, changes, signIns] = await Promise.all([
        lastRun ? deps.runs.getFinding(lastRun.runId, a.source, a.username) : undefined,
        deps.ledger.accessEnds(a.source, a.username),
        deps.trail.listAudit(a.source, a.username),
        deps.signIns.listDecisions(a.source, a.username),
      ]);
      const earliest = [ends.reconciliation, ...ends.offboardings.map((e) => e.at)]
        .filter((d): d is Date => d !== undefined)
        .sort((x, y) => x.getTime() - y.getTime())[0];
      const view: PersonAccount = {
        source: a.source,
        username: a.username,
        enabled: a.enabled,
        employeeId: a.employeeId ?? null,
        lastRun: lastRun ? standing(lastRun, a, finding) : null,
        accessEndsAt: earliest?.toISOString() ?? null,
      };
      const trail: TrailEvent[] = [
        ...changes.map((c) => ({
          type: 'change' as const,
          at: c.at.toISOString(),
          source: c.source,
          username: c.username,
          kind: c.kind,
          runId: c.runId,
          reason: c.reason,
          actor: c.actor ?? null,
        })),
        ...signIns.map((d) => ({
          type: 'sign-in' as const,
          at: d.at.toISOString(),
          source: d.source,
          username: d.username,
          outcome: d.outcome,
          country: d.country,
          rule: d.rule,
          reason: d.reason,
        })),
      ];
      return { view, trail };
    }),
  );
  return {
    query,
    employeeIds: [...employeeIds].sort(),
    accounts: perAccount.map((p) => p.view),
    offboardings: offboardings.map(viewOf),
    trail: perAccount.flatMap((p) => p.trail).sort((x, y) => cmp(y.at, x.at)),
    lastRun: lastRun ? { runId: lastRun.runId, startedAt: lastRun.startedAt.toISOString() } : null,
  };
}

/**
 * A run keeps only the findings worth review (decision 0005): an account it does not list, and
 * that existed when it ran, was active and enabled.
 */
function standing(
  run: { runId: string; startedAt: Date },
  account: Account,
  finding: { situation: Situation; reason: string } | undefined,
): PersonAccount['lastRun'] {
  if (finding) return { runId: run.runId, situation: finding.situation, reason: finding.reason };
  if (account.createdAt && account.createdAt > run.startedAt) return null;
  return {
    runId: run.runId,
    situation: 'active',
    reason: 'active in HR (not among the findings kept for review)',
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
