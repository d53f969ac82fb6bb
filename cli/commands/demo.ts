import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Command } from 'commander';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import type { ReconcileResponse } from '../../functions/reconcile/reconcile-event.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { startLocalWarden } from '../../local/local-warden.js';
import { SAMPLES } from '../../local/sample-world.js';
import { seedUsers, setPassword, uploadFeed } from '../../local/seed.js';
import { loadAccountsFile } from '../accounts-input.js';
import { type FeedCliOptions, loadConfig, loadFeed, readBytes, readJson } from '../feed-input.js';
import { addFeedOptions } from '../options.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The flagship of INCIDENT.md: left in 2023, account still enabled, password still known. */
const FLAGSHIP = { username: 'ricardo.salazar', password: 'Prensa-2023-Pa55word!' };

interface DemoOptions extends FeedCliOptions {
  roster?: string;
  accountsFrom?: string;
}

export function registerDemo(program: Command): void {
  addFeedOptions(
    program
      .command('demo')
      .description(
        "the main job end to end on the embedded local AWS: seed, dry-run, apply, prove, report (default configuration: the samples')",
      )
      .option('--roster <file>', 'HR feed to use instead of the sample roster')
      .option(
        '--accounts-from <file>',
        'accounts (list-users JSON) to seed instead of the sample pool',
      ),
  ).action(async (options: DemoOptions) => {
    await runDemo(options);
  });
}

async function runDemo(options: DemoOptions): Promise<void> {
  const step = (message: string) => console.log(`\u25b8 ${message}`);
  const rosterFile = options.roster ?? join(SAMPLES, 'roster.csv');
  const accountsFile = options.accountsFrom ?? join(SAMPLES, 'accounts.json');
  const configFile = options.config ?? join(SAMPLES, 'warden.config.json');
  const config = loadConfig({ ...options, config: configFile });
  // Validate both inputs before anything starts: bad input changes nothing.
  const feed = loadFeed(rosterFile, config);
  // The seeded pool is what the run sees: a partial export would make a partial pool.
  const { users } = loadAccountsFile(accountsFile, 'local', false);
  step(
    `HR feed ${rosterFile}: ${feed.records.length} records; accounts file: ${users.length} accounts`,
  );

  const warden = await startLocalWarden('warden-demo', step);
  try {
    const { resources } = warden;
    step(
      `provisioned table ${resources.table}, buckets ${resources.reportsBucket} and ${resources.feedBucket}, user pool ${resources.userPoolId}`,
    );
    await seedUsers(warden.cognito, resources.userPoolId, users, (n) =>
      step(`seeded ${n}/${users.length} accounts`),
    );
    const flagshipPresent = users.some((u) => u.Username === FLAGSHIP.username && u.Enabled);
    if (flagshipPresent)
      await setPassword(warden.cognito, resources.userPoolId, FLAGSHIP.username, FLAGSHIP.password);
    const feedKey =
      extname(rosterFile).toLowerCase() === '.json'
        ? DEFAULT_FEED_KEY.replace(/\.csv$/, '.json')
        : DEFAULT_FEED_KEY;
    await uploadFeed(warden.s3, resources.feedBucket, feedKey, readBytes(rosterFile, 'HR feed'));
    step(`uploaded the HR feed to s3://${resources.feedBucket}/${feedKey}`);

    const runConfig = {
      ...(readJson(configFile, 'configuration') as object),
      // The feed section with the command line's feed options, as the function will read it.
      feed: config.feed,
      accountSources: [{ userPoolId: resources.userPoolId }],
      dryRun: false,
    };
    const event = { feed: { key: feedKey } };
    if (flagshipPresent)
      step(
        `before: ${FLAGSHIP.username} (left 2023-11-30) signs in with the password: ${await signIn(warden)}`,
      );

    step('dry-run through the reconcile Lambda handler (the default for a fresh deployment)');
    const dry = await warden.invokeReconcile(
      { ...event, dryRun: true, trigger: 'demo' },
      runConfig,
    );
    console.log(formatResponse(dry));
    if (dry.status === 'quarantined') {
      step('the guard quarantined the plan: a real run would change nothing; stopping here');
      return;
    }

    step('real run: disable + sign out everywhere');
    const applied = await warden.invokeReconcile({ ...event, trigger: 'demo' }, runConfig);
    console.log(formatResponse(applied));
    const localReports = await saveReports(warden, applied);
    console.log(await disabledAccounts(warden, applied));

    if (flagshipPresent)
      step(`after: ${FLAGSHIP.username} signs in with the same password: ${await signIn(warden)}`);
    step('second run: nothing left to change');
    const again = await warden.invokeReconcile({ ...event, trigger: 'demo' }, runConfig);
    console.log(
      `  ${again.status}: ${again.actions.planned} actions planned, ${again.actions.applied} applied`,
    );
    console.log(
      `\nReports of the real run (copied out of the local AWS):\n  ${localReports.join('\n  ')}`,
    );
  } finally {
    await warden.emulator.stop();
    step('stopped the local AWS');
  }
}

async function signIn(warden: LocalWarden): Promise<string> {
  try {
    const result = await warden.cognito.send(
      new InitiateAuthCommand({
        ClientId: warden.resources.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: FLAGSHIP.username, PASSWORD: FLAGSHIP.password },
      }),
    );
    return result.AuthenticationResult ? 'SIGNED IN' : 'challenged';
  } catch (error) {
    return `refused (${(error as Error).name}: ${(error as Error).message})`;
  }
}

async function saveReports(warden: LocalWarden, response: ReconcileResponse): Promise<string[]> {
  if (!response.reports) return [];
  const dir = join(ROOT, '.local', 'demo-reports', response.runId);
  mkdirSync(dir, { recursive: true });
  const saved: string[] = [];
  const { json, csv, html } = response.reports;
  for (const uri of [json, csv, ...(html ? [html] : [])]) {
    const file = join(dir, uri.slice(uri.lastIndexOf('/') + 1));
    writeFileSync(file, await warden.readObject(uri));
    saved.push(file);
  }
  return saved;
}

/** Reads the run's own report to list what it disabled. */
async function disabledAccounts(warden: LocalWarden, response: ReconcileResponse): Promise<string> {
  if (!response.reports) return '';
  const report = JSON.parse(await warden.readObject(response.reports.json)) as {
    findings: { username: string; outcome: string | null; reason: string }[];
  };
  const disabled = report.findings.filter((f) => f.outcome === 'disabled');
  return [
    '  disabled and signed out:',
    ...disabled.map((f) => `    ${f.username.padEnd(22)} ${f.reason}`),
  ].join('\n');
}

function formatResponse(response: ReconcileResponse): string {
  const counts = Object.entries(response.counts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `    ${s.padEnd(18)} ${String(n).padStart(5)}`);
  const lines = [
    `  run ${response.runId}: ${response.status} (${response.mode})`,
    '  situations:',
    ...counts,
  ];
  const a = response.actions;
  lines.push(
    `  disable actions: ${a.planned} planned, ${a.applied} applied, ${a.alreadyDone} already done, ${a.failed} failed`,
  );
  if (response.guard)
    lines.push(
      `  guard: ${response.guard.tripped ? `QUARANTINED: ${response.guard.reasons.join('; ')}` : 'passed'}`,
    );
  for (const note of response.notes) lines.push(`  note: ${note}`);
  if (response.reports)
    lines.push(
      `  report: ${response.reports.json}`,
      ...[response.reports.csv, response.reports.html]
        .filter((uri) => uri !== undefined)
        .map((uri) => `          ${uri}`),
    );
  return lines.join('\n');
}
