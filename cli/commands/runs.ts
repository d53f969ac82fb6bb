import type { Command } from 'commander';
import { decideQuarantine } from '../../functions/core/review/decide-quarantine.js';
import { parseFindingsQuery } from '../../functions/core/review/findings-query-input.js';
import { listRuns } from '../../functions/core/review/list-runs.js';
import { runListItem } from '../../functions/core/review/run-report.js';
import { showRun } from '../../functions/core/review/show-run.js';
import { exitStatusOfRun } from '../exit-codes.js';
import { formatRunReport, formatRunsList } from '../print-review.js';
import { asCliErrors } from '../review-errors.js';
import { addReviewTarget, openReview, type TargetOptions } from '../review-target.js';

interface ListOptions extends TargetOptions {
  limit?: string;
  status?: string;
  after?: string;
}

interface ShowOptions extends TargetOptions {
  situation?: string;
  pool?: string;
  search?: string;
  action?: string;
  outcome?: string;
  sort?: string;
  order?: string;
  page?: string;
  pageSize?: string;
}

interface DecideOptions extends TargetOptions {
  reason?: string;
}

/** `warden runs list|show|approve|reject`: review runs, and decide quarantined ones. */
export function registerRuns(program: Command): Command {
  const runs = program.command('runs').description('review reconciliation runs');

  addReviewTarget(runs.command('list').description('runs, newest first'))
    .option('--limit <n>', 'how many (1-200)', '20')
    .option('--status <status>', 'only runs with this status (e.g. quarantined)')
    .option('--after <runId>', 'the page after this run (the cursor the previous page printed)')
    .action((options: ListOptions) =>
      asCliErrors(async () => {
        const { services } = await openReview(options);
        const page = await listRuns(
          {
            limit: options.limit,
            ...(options.status ? { status: options.status as never } : {}),
            ...(options.after ? { after: options.after } : {}),
          },
          services.runs,
        );
        if (!options.json) return console.log(formatRunsList(page.runs, page.next));
        console.log(
          JSON.stringify(
            page.runs.map(({ runId, startedAt, trigger, mode, status, counts }) => ({
              runId,
              startedAt,
              trigger,
              mode,
              status,
              counts,
            })),
          ),
        );
        if (page.next) console.error(`more: --after ${page.next}`);
      }),
    );

  addReviewTarget(
    runs.command('show').description("a run's report: guard, actions, changes, findings"),
  )
    .argument('<runId>', 'the run id')
    .option('--situation <list>', 'findings in these situations (comma-separated)')
    .option('--pool <userPoolId>', 'findings of one pool')
    .option('--search <text>', 'findings whose username, employee id or reason holds this')
    .option('--action <action>', 'findings with this planned action: disable or none')
    .option(
      '--outcome <outcome>',
      'findings whose action ended so: disabled, already_done, failed or not_applied',
    )
    .option('--sort <column>', 'situation, username, source, employeeId, action or outcome')
    .option('--order <order>', 'asc or desc')
    .option('--page <n>', 'the page of findings')
    .option('--page-size <n>', 'findings per page (1-1000)')
    .action((runId: string, options: ShowOptions) =>
      asCliErrors(async () => {
        const { json, local, stack, table, function: _fn, ...filters } = options;
        const query = parseFindingsQuery(
          Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
          'findings options',
        );
        const { services } = await openReview(options);
        const view = await showRun(runId, query, services);
        console.log(json ? JSON.stringify(view) : formatRunReport(view));
      }),
    );

  for (const decision of ['approve', 'reject'] as const) {
    addReviewTarget(
      runs
        .command(decision)
        .description(
          decision === 'approve'
            ? 'approve a quarantined run: apply exactly the plan it reported'
            : 'reject a quarantined run: close it, nothing is changed',
        ),
    )
      .argument('<runId>', 'the quarantined run')
      .option('--reason <text>', 'why (required): recorded with your identity')
      .action((runId: string, options: DecideOptions) =>
        asCliErrors(async () => {
          const target = await openReview(options, { decisions: true });
          const result = await decideQuarantine(
            { runId, decision, reason: options.reason ?? '', actor: await target.actor() },
            target.services,
          );
          const { decided } = result;
          // An approval's own run may be quarantined again (the plan grew) or fail part-way.
          process.exitCode = exitStatusOfRun(decided.status);
          if (options.json) {
            console.log(JSON.stringify({ run: runListItem(result.run), decided }));
            return;
          }
          console.log(
            decision === 'approve'
              ? `run ${runId} approved: run ${decided.runId} ${decided.status}, ${decided.actions.applied} disabled, ${decided.actions.alreadyDone} already done, ${decided.actions.failed} failed`
              : `run ${runId} rejected: nothing was changed`,
          );
        }),
      );
  }
  return runs;
}
