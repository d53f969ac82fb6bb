import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReconcileResponse } from '../../functions/reconcile/reconcile-event.js';
import { FAULT_KINDS, type FaultKind, startFaultProxy } from '../../local/fault-proxy.js';
import {
  type ApiAnswer,
  fireDueSchedules,
  localOffboardingApi,
} from '../../local/local-offboarding.js';
import { reliabilityCount, reportFigures } from './report-figures.js';
import {
  accountStates,
  createWorld,
  differences,
  type EndState,
  endState,
  readObject,
  reconcile,
  SECOND_ACCOUNT,
  type World,
} from './world.js';

// Under 20% injected faults (throttling, 5xx, resets before and after the request reached AWS,
// slow answers), a reconciliation run and an HR offboarding each end with every action either
// done or reported as failed, and re-running converges to the end state of a fault-free world.

const TRIALS = reliabilityCount(1, 6);
const RATES = { throttle: 0.06, serverError: 0.05, reset: 0.03, resetAfter: 0.03, slow: 0.03 };
const ATTEMPTS = 6;
/** After the two minutes an offboarding waits before retrying a partial failure. */
const RETRY_DELAY_MS = 3 * 60_000;
const OFFBOARDED = { employeeId: 'E01', accounts: ['user01', SECOND_ACCOUNT] };
const BODY = { employeeId: OFFBOARDED.employeeId, reason: 'left', requestedBy: 'hr-system' };
/** How long a call may stay in progress: the remaining time of the local Lambda context. */
const IN_PROGRESS_WINDOW_MS = 15 * 60_000;

const figures = {
  trials: 0,
  trialsPassed: 0,
  requests: 0,
  faultsInjected: 0,
  faultsSurvived: 0,
  byKind: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
  actionsSilentlySkipped: 0,
  /** Requests answered 409 "still in progress" because the answer to their own write was lost. */
  retriedAfterInProgressWindow: 0,
  accountsWronglyChanged: 0,
};
let reference: EndState;

/**
 * Offboards the person through the real API handler, as HR and Scheduler would: the request is
 * retried with its Idempotency-Key while it fails outright; a partial failure is finished by the
 * retry schedule it leaves (fired here, as the emulator never fires schedules).
 */
async function offboard(world: World, key: string, answers: ApiAnswer[]): Promise<void> {
  const api = localOffboardingApi(world.warden.resources, world.config);
  for (let i = 0; i < ATTEMPTS; i++) {
    const id = answers.at(-1)?.body.id as string | undefined;
    const answer = await (id
      ? api('GET', '/offboardings/{id}', { id })
      : api('POST', '/offboardings', { body: BODY, headers: { 'Idempotency-Key': key } })
    ).catch((error: Error): ApiAnswer => ({ status: 500, body: { error: error.name } }));
    answers.push(answer);
    if (answer.body.status === 'done') return;
    if (answer.body.status === 'partially_failed') await fireRetries(world);
    if (answer.status === 409 && /still in progress/.test(String(answer.body.message)))
      afterInProgressWindow();
  }
}

/**
 * When the answer to the idempotency record's first write is lost, the SDK's retry finds the
 * record in progress and the request is refused with 409 "retry shortly"; nothing was done. A
 * retry with the same key succeeds once the call's in-progress window (the Lambda's remaining
 * time) has passed: time moves on past it here (only `Date`, still ticking), as it would for HR.
 */
function afterInProgressWindow(): void {
  figures.retriedAfterInProgressWindow++;
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(Date.now() + IN_PROGRESS_WINDOW_MS + 1_000);
}

afterEach(() => {
  vi.useRealTimers();
});

/** Fires the offboarding retry schedules, as Scheduler would a few minutes later. */
function fireRetries(world: World) {
  const later = new Date(Date.now() + RETRY_DELAY_MS);
  return fireDueSchedules(world.warden.resources, world.config, { now: () => later });
}

beforeAll(async () => {
  const world = await createWorld();
  expect((await reconcile(world)).status).toBe('completed');
  const answers: ApiAnswer[] = [];
  process.env.AWS_ENDPOINT_URL = world.endpoint;
  await offboard(world, 'reference', answers);
  expect(answers.map((a) => a.status)).toEqual([201]);
  reference = await endState(world, await reconcile(world));
});

afterAll(() => {
  reportFigures('faults', { ...figures, rates: RATES });
});

describe('under 20% injected faults', () => {
  it.each(Array.from({ length: TRIALS }, (_, i) => i + 1))(
    'seed %i: every action done or reported failed, and a re-run converges',
    async (seed) => {
      figures.trials++;
      const world = await createWorld();
      const proxy = await startFaultProxy({ target: world.endpoint, seed, rates: RATES });
      try {
        // A reconciliation run: each planned disable is disabled, already done, or failed.
        const first = await reconcile(world, { endpoint: proxy.endpoint }).catch(
          (error: Error) => error,
        );
        if (!(first instanceof Error) && first.reports) {
          const report = JSON.parse(await readObject(world, first.reports.json)) as {
            findings: { username: string; action: string; outcome?: string }[];
          };
          const now = await accountStates(world);
          for (const f of report.findings.filter((x) => x.action === 'disable')) {
            if (!['disabled', 'already_done', 'failed'].includes(f.outcome ?? ''))
              figures.actionsSilentlySkipped++;
            if (f.outcome === 'disabled') expect(now[f.username]).toBe(false);
          }
          expect(first.actions.applied + first.actions.alreadyDone + first.actions.failed).toBe(
            first.actions.planned,
          );
          if (first.actions.failed > 0) expect(first.status).toBe('completed_with_errors');
        } else {
          // The run as a whole failed: the invocation reports it; nothing beyond the plan changed.
          expect(first).toBeInstanceOf(Error);
        }
        let converged: ReconcileResponse | undefined;
        for (let i = 0; i < ATTEMPTS && !converged; i++) {
          const again = await reconcile(world, { endpoint: proxy.endpoint }).catch(() => undefined);
          if (again?.status === 'completed' && again.actions.failed === 0) converged = again;
        }
        expect(converged, 'a re-run under faults completed').toBeDefined();

        // An HR offboarding of a person with two accounts, retried with its Idempotency-Key.
        process.env.AWS_ENDPOINT_URL = proxy.endpoint;
        const answers: ApiAnswer[] = [];
        await offboard(world, `trial-${seed}`, answers);
        for (const answer of answers) {
          expect([201, 409, 500]).toContain(answer.status);
          const accounts = (answer.body.accounts ?? []) as { username: string; outcome: string }[];
          if (answer.body.status === 'done' || answer.body.status === 'partially_failed') {
            expect(accounts.map((a) => a.username).sort()).toEqual(OFFBOARDED.accounts);
            for (const a of accounts)
              if (!['disabled', 'already_disabled', 'failed'].includes(a.outcome))
                figures.actionsSilentlySkipped++;
          }
        }
        expect(answers.at(-1)?.body.status, 'the offboarding finished').toBe('done');

        const faulty = { ...proxy.stats.injected };
        proxy.setRates({});
        const state = await endState(world, await reconcile(world));
        const wrong = differences(reference.accounts, state.accounts);
        figures.accountsWronglyChanged += wrong.length;
        expect(wrong).toEqual([]);
        expect(state.audit).toEqual(reference.audit);
        expect(state.findings).toEqual(reference.findings);
        expect(figures.actionsSilentlySkipped).toBe(0);

        const injected = Object.values(faulty).reduce((a, b) => a + b, 0);
        for (const kind of FAULT_KINDS) figures.byKind[kind] += faulty[kind];
        figures.faultsInjected += injected;
        figures.faultsSurvived += injected;
        figures.trialsPassed++;
      } finally {
        figures.requests += proxy.stats.requests;
        await proxy.close();
      }
    },
  );

  it('a call that keeps failing is reported failed, never skipped, and the next attempt finishes it', async () => {
    figures.trials++;
    const world = await createWorld();
    let failing: string | undefined = 'AdminUserGlobalSignOut';
    const proxy = await startFaultProxy({
      target: world.endpoint,
      decide: (r) => (r.operation === failing ? 'serverError' : undefined),
    });
    try {
      const first = await reconcile(world, { endpoint: proxy.endpoint });
      expect(first.status).toBe('completed_with_errors');
      expect(first.actions.failed).toBe(first.actions.planned);
      const report = JSON.parse(await readObject(world, first.reports?.json as string)) as {
        findings: { action: string; outcome?: string }[];
      };
      const planned = report.findings.filter((f) => f.action === 'disable');
      expect(planned.map((f) => f.outcome)).toEqual(planned.map(() => 'failed'));
      expect(Object.values(await accountStates(world)).every(Boolean)).toBe(true);

      failing = 'AdminDisableUser';
      process.env.AWS_ENDPOINT_URL = proxy.endpoint;
      const api = localOffboardingApi(world.warden.resources, world.config);
      const stuck = await api('POST', '/offboardings', {
        body: BODY,
        headers: { 'Idempotency-Key': 'stuck' },
      });
      expect(stuck.body).toMatchObject({ status: 'partially_failed' });
      expect((stuck.body.accounts as { outcome: string }[]).map((a) => a.outcome)).toEqual([
        'failed',
        'failed',
      ]);

      failing = undefined;
      expect((await reconcile(world, { endpoint: proxy.endpoint })).status).toBe('completed');
      const [retry] = await fireRetries(world);
      expect(retry?.result).toMatchObject({ status: 'done' });
      const state = await endState(world, await reconcile(world));
      expect(state.accounts).toEqual(reference.accounts);
      expect(state.audit).toEqual(reference.audit);
      expect(state.findings).toEqual(reference.findings);
      const injected = proxy.stats.injected.serverError;
      figures.byKind.serverError += injected;
      figures.faultsInjected += injected;
      figures.faultsSurvived += injected;
      figures.trialsPassed++;
    } finally {
      figures.requests += proxy.stats.requests;
      await proxy.close();
    }
  });
});
