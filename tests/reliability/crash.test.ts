import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultKind, type ProxiedRequest, startFaultProxy } from '../../local/fault-proxy.js';
import { seededRandom } from '../../local/seeded-random.js';
import { reliabilityCount, reportFigures } from './report-figures.js';
import {
  createWorld,
  differences,
  type EndState,
  endState,
  reconcile,
  runsOf,
  type World,
} from './world.js';

// Crash and resume: a child process runs a reconciliation through the real handler and is killed
// (SIGKILL) at a seeded random request of its apply phase, the request either lost on the way or
// already done in AWS. The next run, once the dead run's lock has expired, must finish the work:
// afterwards the accounts, the audit trail and the findings equal those of an uninterrupted run.

const TRIALS = reliabilityCount(3, 50);
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
/** Past the run lock's twenty minutes: the next run takes over the dead run's lock. */
const LOCK_EXPIRED_MS = 25 * 60_000;

const figures = {
  trials: 0,
  converged: 0,
  killedBeforeReachingAws: 0,
  killedAfterReachingAws: 0,
  accountsWronglyChanged: 0,
  duplicateAuditEntries: 0,
};
/** The uninterrupted run's end state, and the request indexes its apply phase spans. */
let reference: EndState;
let applyPhase: { first: number; last: number };

/**
 * Runs the reconciliation in a child process behind a proxy. `killAt` picks a request: the child
 * is killed there, the request lost (`reset`) or forwarded first (`resetAfter`).
 */
async function runChild(
  world: World,
  killAt?: { index: number; fault: FaultKind },
): Promise<{ killed: boolean; requests: ProxiedRequest[] }> {
  const requests: ProxiedRequest[] = [];
  let kill = () => {};
  const proxy = await startFaultProxy({
    target: world.endpoint,
    decide: (request) => {
      requests.push(request);
      return request.index === killAt?.index ? killAt.fault : undefined;
    },
    onFault: () => kill(),
  });
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: proxy.endpoint,
        WARDEN_CRASH_WORLD: JSON.stringify({
          resources: world.warden.resources,
          config: world.config,
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    kill = () => {
      proxy.sever();
      child.kill('SIGKILL');
    };
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    const killed = exit.signal === 'SIGKILL';
    if (!killed) expect(exit.code, output).toBe(0);
    return { killed, requests };
  } finally {
    await proxy.close();
  }
}

/** The run after the dead one (its lock expired), then a check run whose findings are compared. */
async function resumeAndCheck(world: World): Promise<EndState> {
  const later = new Date(Date.now() + LOCK_EXPIRED_MS);
  const resumed = await reconcile(world, { clock: { now: () => later } });
  expect(resumed.status).toBe('completed');
  expect(resumed.actions.failed).toBe(0);
  const check = await reconcile(world, { clock: { now: () => new Date(later.getTime() + 1) } });
  return endState(world, check);
}

const isApplying = (r: ProxiedRequest) =>
  r.operation === 'AdminUserGlobalSignOut' || r.operation === 'AdminDisableUser';

beforeAll(async () => {
  const world = await createWorld();
  const { killed, requests } = await runChild(world);
  expect(killed).toBe(false);
  // From the first request after the plan's last read of the pool (index and access-end writes,
  // the run saved as applying, each journal intent, sign-out, disable and outcome) up to the
  // reports: the first request after the last disable that is not DynamoDB.
  const indexes = requests.map((r) => r.index);
  const firstAction = requests.findIndex(isApplying);
  const lastAction = requests.findLastIndex(isApplying);
  expect(firstAction).toBeGreaterThan(0);
  const lastListing = requests.findLastIndex(
    (r, i) => i < firstAction && r.operation === 'ListUsers',
  );
  const afterApply = requests.findIndex((r, i) => i > lastAction && r.service !== 'dynamodb');
  applyPhase = {
    first: indexes[lastListing + 1] as number,
    last: indexes[(afterApply > 0 ? afterApply : requests.length) - 1] as number,
  };
  reference = await resumeAndCheck(world);
});

describe('a reconciliation killed while applying', () => {
  it.each(Array.from({ length: TRIALS }, (_, i) => i + 1))(
    'trial %i: the next run finishes the work, with nothing duplicated or lost',
    async (trial) => {
      figures.trials++;
      const random = seededRandom(trial);
      const span = applyPhase.last - applyPhase.first + 1;
      const index = applyPhase.first + Math.floor(random() * span);
      const fault: FaultKind = random() < 0.5 ? 'reset' : 'resetAfter';
      const world = await createWorld();

      const { killed } = await runChild(world, { index, fault });
      expect(killed, `killed at request ${index}`).toBe(true);
      figures[fault === 'reset' ? 'killedBeforeReachingAws' : 'killedAfterReachingAws']++;

      const state = await resumeAndCheck(world);
      const wrong = differences(reference.accounts, state.accounts);
      figures.accountsWronglyChanged += wrong.length;
      figures.duplicateAuditEntries += Object.values(state.audit).filter(
        (kinds) => kinds.length > 1,
      ).length;
      expect(wrong).toEqual([]);
      expect(state.audit).toEqual(reference.audit);
      expect(state.findings).toEqual(reference.findings);
      // The dead run is closed as interrupted, or never got as far as being recorded.
      const dead = (await runsOf(world)).filter((r) => r.status !== 'completed');
      for (const run of dead) expect(run).toMatchObject({ status: 'failed', error: 'Interrupted' });
      figures.converged++;
    },
  );
});

afterAll(() => reportFigures('crash', figures));
