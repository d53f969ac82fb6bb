import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFeed } from '../../cli/feed-input.js';
import { parseReconcileConfig } from '../../functions/core/config/reconcile-config.js';
import { type FeedProblem, formatProblem } from '../../functions/core/hr/hr-record.js';
import { ENV } from '../../functions/core/shared/environment.js';
import { localLambdaContext } from '../../local/lambda-context.js';
import { type ApiCall, localOffboardingApi } from '../../local/local-offboarding.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { functionEnvironment } from '../../local/provision.js';
import { seedUsers, uploadFeed } from '../../local/seed.js';
import { localWarden } from '../integration/local-aws.js';
import { FixedClock } from '../unit/fakes/memory-services.js';
import { accountStates, changedAccounts } from './account-states.js';
import { reportFigures } from './report-figures.js';

/**
 * The bad-input corpus (tests/fixtures/bad-input/): every case goes through the entry points
 * that read it in production (the CLI's feed reading, the reconcile function on the local AWS,
 * the offboarding API), must end as its expectation says, and must change no account.
 */
const CORPUS = join('tests', 'fixtures', 'bad-input');
const corpus = (file: string) =>
  JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as CorpusCase[];

type CorpusCase = { name: string; why: string } & (
  | {
      entry: 'feed';
      file: string;
      feed?: Record<string, unknown>;
      expect: { accepted: true } | { accepted: false; problems: string[] };
    }
  | { entry: 'event'; event: unknown; expect: { rejected: string } }
  | { entry: 'config'; config: unknown; expect: { rejected: string } }
  | { entry: 'api'; body: unknown; expect: { status: number; problems: string[] } }
);
const feedCases = corpus('feeds.json');
const requestCases = corpus('requests.json');

// The press office on the local AWS: every feed the corpus accepts lists its three people as
// active, and every feed it must reject lists ben as a leaver, so a rejected feed that slipped
// through would disable him.
const PEOPLE = [
  ['ana', 'ana@x.org', 'E1'],
  ['ben', 'ben@x.org', 'E2'],
  ['cruz', 'cruz@x.org', 'E3'],
] as const;

let warden: LocalWarden;
let api: ApiCall;
let before: Map<string, string>;
const outcomes = { tried: 0, handledRight: 0 };
const wronglyChanged = new Set<string>();
const baseConfig = () => ({
  accountSources: [{ userPoolId: warden.resources.userPoolId }],
  dryRun: false,
  guard: { maxDisablePercent: 100, maxDisableCount: 10, maxRosterShrinkPercent: 100 },
});

beforeAll(async () => {
  warden = await localWarden();
  await seedUsers(
    warden.cognito,
    warden.resources.userPoolId,
    PEOPLE.map(([username, email, employeeId]) => ({
      Username: username,
      Enabled: true,
      UserStatus: 'CONFIRMED',
      Attributes: [
        { Name: 'email', Value: email },
        { Name: 'custom:employee_id', Value: employeeId },
      ],
    })),
  );
  before = await accountStates(warden.cognito, warden.resources.userPoolId);
  api = localOffboardingApi(
    warden.resources,
    baseConfig(),
    new FixedClock(new Date('2026-12-01T18:00:00Z')),
  );
});

afterAll(() => {
  reportFigures('bad-input', {
    badInputs: outcomes,
    accountsWronglyChanged: wronglyChanged.size,
  });
});

/** Runs one case: counts it, and counts it handled right only when every check passed. */
async function tryCase(check: () => Promise<void>) {
  outcomes.tried++;
  await check();
  const changed = changedAccounts(
    before,
    await accountStates(warden.cognito, warden.resources.userPoolId),
  );
  for (const username of changed) wronglyChanged.add(username);
  expect(changed).toEqual([]);
  outcomes.handledRight++;
}

/** A problem as `warden hr validate` prints it, without the file name in front. */
const printed = (file: string, problem: FeedProblem) =>
  formatProblem(file, problem).slice(file.length).replace(/^:/, '').trim();

async function invokeReconcileWithConfigText(configText: string) {
  Object.assign(process.env, functionEnvironment(warden.resources, {}), {
    [ENV.config]: configText,
  });
  const { handler } = await import('../../functions/reconcile/handler.js');
  return handler({ dryRun: true }, localLambdaContext('warden-reconcile'));
}

describe('bad-input corpus: HR feeds', () => {
  it.each(feedCases.map((c) => [c.name, c] as const))('%s', async (_name, corpusCase) => {
    if (corpusCase.entry !== 'feed') throw new Error(`${corpusCase.name} is not a feed case`);
    const { file, expect: expected } = corpusCase;
    await tryCase(async () => {
      // 1. As `warden hr validate` reads it (configuration and feed flags, then the file).
      const config = parseReconcileConfig({ feed: corpusCase.feed ?? {} }, 'bad-input');
      const path = join(CORPUS, file);
      const result = readFeed(path, config);
      const problems = result.ok ? [] : result.problems.map((p) => printed(path, p));
      expect({ accepted: result.ok, problems }).toEqual(
        expected.accepted ? { accepted: true, problems: [] } : expected,
      );

      // 2. As the reconcile function reads it from the feed bucket, applying for real.
      const key = `feeds/${basename(file)}`;
      await uploadFeed(warden.s3, warden.resources.feedBucket, key, readFileSync(path));
      const response = await warden.invokeReconcile(
        { feed: { key } },
        { ...baseConfig(), feed: corpusCase.feed ?? {} },
      );
      if (expected.accepted) {
        expect(response.status).not.toBe('rejected');
        expect(response.actions.applied).toBe(0);
      } else {
        expect(response.status).toBe('rejected');
        expect(response.actions).toMatchObject({ planned: 0, applied: 0 });
      }
    });
  });
});

describe('bad-input corpus: events, configurations and API bodies', () => {
  it.each(requestCases.map((c) => [c.name, c] as const))('%s', async (_name, corpusCase) => {
    await tryCase(async () => {
      if (corpusCase.entry === 'event') {
        await expect(
          warden.invokeReconcile(corpusCase.event as never, baseConfig()),
        ).rejects.toThrow(corpusCase.expect.rejected);
      } else if (corpusCase.entry === 'config') {
        const text =
          typeof corpusCase.config === 'string'
            ? corpusCase.config
            : JSON.stringify({ ...baseConfig(), ...(corpusCase.config as object) });
        await expect(invokeReconcileWithConfigText(text)).rejects.toThrow(
          corpusCase.expect.rejected,
        );
      } else if (corpusCase.entry === 'api') {
        const answer = await api('POST', '/offboardings', {
          body: corpusCase.body,
          headers: { 'Idempotency-Key': `bad-input-${corpusCase.name}` },
        });
        expect({ status: answer.status, problems: answer.body.problems ?? [] }).toEqual(
          corpusCase.expect,
        );
      } else {
        throw new Error(`${corpusCase.name}: unknown entry`);
      }
    });
  });
});
