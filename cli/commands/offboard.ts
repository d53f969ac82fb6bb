import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { OffboardingView } from '../../functions/core/offboarding/offboarding.js';
import { resolveMoment } from '../../functions/core/time/moment.js';
import {
  type ApiAnswer,
  type ApiCall,
  localOffboardingApi,
} from '../../local/local-offboarding.js';
import { connectToLocal } from '../../local/local-up.js';
import { CliError, EXIT } from '../exit-codes.js';
import { stackApi } from '../offboarding-client.js';

interface Target {
  local?: boolean;
  stack: string;
  json?: boolean;
}

const MOMENT_HELP =
  'a date (YYYY-MM-DD: the end of that day in the deployment time zone) or a date-time with offset';

/** `warden offboard ...`: HR offboarding through the API, of a deployed stack or of the local AWS. */
export function registerOffboard(program: Command): void {
  const offboard = program
    .command('offboard')
    .description('offboard a person across every governed pool, now or at a moment')
    .argument('[employeeId]', 'the HR employee id')
    .option('--reason <text>', 'why (required): kept in the record and the audit')
    .option('--at <moment>', `when access ends: ${MOMENT_HELP}; default now`)
    .option('--requested-by <name>', 'who asks (default: $USER)')
    .option(
      '--idempotency-key <key>',
      'repeat a request safely: the same key returns the first answer',
    )
    .option('-y, --yes', 'do not ask for confirmation')
    .enablePositionalOptions();
  addTarget(offboard).action(async (employeeId: string | undefined, options) => {
    if (!employeeId)
      throw new CliError('name the employee: warden offboard EMPLOYEE_ID --reason TEXT');
    await create(employeeId, options);
  });

  addTarget(offboard.command('status').description("an offboarding's status and outcomes"))
    .argument('<id>', 'the offboarding id')
    .action(async (id: string, options: Target) => {
      await show(await (await apiOf(options))('GET', '/offboardings/{id}', { id }), options);
    });

  addTarget(offboard.command('list').description('offboardings, newest last'))
    .option('--pending', 'only those still scheduled')
    .action(async (options: Target & { pending?: boolean }) => {
      const answer = await (await apiOf(options))('GET', '/offboardings', {
        query: options.pending ? { status: 'scheduled' } : {},
      });
      failOn(answer);
      const views = answer.body.offboardings as OffboardingView[];
      if (options.json) console.log(JSON.stringify(views.map(printed)));
      else if (views.length === 0) console.log('no offboardings');
      else for (const view of views) console.log(oneLine(view));
    });

  addTarget(offboard.command('move').description('move a scheduled offboarding'))
    .argument('<id>', 'the offboarding id')
    .requiredOption('--at <moment>', MOMENT_HELP)
    .action(async (id: string, options: Target & { at: string }) => {
      checkMoment(options.at);
      const answer = await (await apiOf(options))('PATCH', '/offboardings/{id}', {
        id,
        body: { effectiveAt: options.at },
      });
      await show(answer, options);
    });

  addTarget(
    offboard.command('cancel').description('cancel a scheduled offboarding (rehire, mistake)'),
  )
    .argument('<id>', 'the offboarding id')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, options: Target & { reason: string }) => {
      const answer = await (await apiOf(options))('DELETE', '/offboardings/{id}', {
        id,
        body: { reason: options.reason },
      });
      await show(answer, options);
    });
}

function addTarget(command: Command): Command {
  return command
    .option('--json', 'print JSON')
    .option('--local', 'use the local AWS started by `warden local up`')
    .option('--stack <name>', 'the deployed stack whose API to call', 'Warden');
}

async function apiOf(target: Target): Promise<ApiCall> {
  if (!target.local) return stackApi(target.stack);
  try {
    const { instance } = await connectToLocal();
    return localOffboardingApi(instance.resources, instance.config);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.failure);
  }
}

function checkMoment(value: string): void {
  if (!resolveMoment(value, 'UTC'))
    throw new CliError(
      `--at ${value}: must be ${MOMENT_HELP}, e.g. 2026-12-31 or 2026-12-31T17:30:00-06:00`,
    );
}

async function create(
  employeeId: string,
  options: Target & {
    reason?: string;
    at?: string;
    requestedBy?: string;
    idempotencyKey?: string;
    yes?: boolean;
  },
): Promise<void> {
  if (!options.reason?.trim())
    throw new CliError('--reason is required: why this person is offboarded');
  if (options.at !== undefined) checkMoment(options.at);
  const api = await apiOf(options);
  if (!options.yes) {
    const preview = await api('GET', '/offboardings/preview', { query: { employeeId } });
    failOn(preview);
    const accounts = preview.body.accounts as {
      source: string;
      username: string;
      enabled: boolean;
    }[];
    const flagged = preview.body.flagged as { source: string; username: string; reason: string }[];
    console.log(
      `${employeeId}: ${accounts.length} linked account(s) will be signed out and disabled${options.at ? ` at ${options.at}` : ' now'}:`,
    );
    for (const a of accounts)
      console.log(`  ${a.source}/${a.username}${a.enabled ? '' : ' (already disabled)'}`);
    for (const f of flagged) console.log(`  NOT acted on: ${f.source}/${f.username}: ${f.reason}`);
    for (const w of preview.body.warnings as string[]) console.log(`  warning: ${w}`);
    if (!(await confirm('Proceed? [y/N] '))) {
      throw new CliError('not confirmed; nothing was changed', EXIT.failure);
    }
  }
  const answer = await api('POST', '/offboardings', {
    headers: { 'Idempotency-Key': options.idempotencyKey ?? randomUUID() },
    body: {
      employeeId,
      reason: options.reason,
      requestedBy: options.requestedBy ?? process.env.USER ?? 'warden-cli',
      ...(options.at !== undefined ? { effectiveAt: options.at } : {}),
    },
  });
  await show(answer, options);
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  try {
    const answer = await Promise.race([
      rl.question(question),
      new Promise<string>((resolve) => rl.once('close', () => resolve(''))),
    ]);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Exit 2 for input the API refused, 1 for any other refusal. */
function failOn(answer: ApiAnswer): void {
  if (answer.status < 300) return;
  const problems = (answer.body.problems as string[] | undefined) ?? [
    String(answer.body.message ?? 'failed'),
  ];
  throw new CliError(
    `${answer.status}: ${problems.join('\n')}`,
    answer.status === 400 ? EXIT.invalidInput : EXIT.failure,
  );
}

/** The fields `--json` prints. */
function printed(view: OffboardingView) {
  return {
    id: view.id,
    employeeId: view.employeeId,
    status: view.status,
    effectiveAt: view.effectiveAt,
    accounts: view.accounts.map((a) => ({
      source: a.source,
      username: a.username,
      outcome: a.outcome,
    })),
  };
}

function oneLine(view: OffboardingView): string {
  return `${view.id}  ${view.employeeId.padEnd(12)} ${view.status.padEnd(16)} ${view.effectiveAt}  (${view.origin})`;
}

function show(answer: ApiAnswer, target: Target): Promise<void> {
  failOn(answer);
  const view = answer.body as unknown as OffboardingView;
  if (target.json) {
    console.log(JSON.stringify(printed(view)));
  } else {
    console.log(
      `Offboarding ${view.id} of ${view.employeeId}: ${view.status}; access ends ${view.effectiveAt}`,
    );
    for (const a of view.accounts)
      console.log(`  ${a.source}/${a.username}: ${a.outcome ?? 'to be disabled'}`);
    for (const f of view.flagged ?? [])
      console.log(`  NOT acted on: ${f.source}/${f.username}: ${f.reason}`);
    for (const w of view.warnings ?? []) console.log(`  warning: ${w}`);
  }
  if (view.status === 'partially_failed') process.exitCode = EXIT.failure;
  return Promise.resolve();
}
