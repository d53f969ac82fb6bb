import type { ReviewServices } from '../../aws/review-services.js';
import { actorOf } from '../../core/console/staff.js';
import { decideQuarantine } from '../../core/review/decide-quarantine.js';
import { parseFindingsQuery } from '../../core/review/findings-query-input.js';
import { listRuns } from '../../core/review/list-runs.js';
import { runListItem } from '../../core/review/run-report.js';
import { reportArtifact, showFindings, showRun } from '../../core/review/show-run.js';
import { invalid, json, validate } from '../../core/shared/api-answer.js';
import { reasonSchema } from '../api-event.js';
import type { ConsoleCall, RouteHandler } from '../console-call.js';

type Deps = { review: ReviewServices };

const runIdOf = (call: ConsoleCall) => call.parameters.runId ?? '';

const list: RouteHandler<Deps> = async (call, { review }) => ({
  answer: json(200, await listRuns(call.query, review.runs)),
});

/** The run's report view model, with the first page of findings the query asks for. */
const show: RouteHandler<Deps> = async (call, deps) => {
  const runId = runIdOf(call);
  const query = parseFindingsQuery(call.query, '(query)');
  return { target: runId, answer: json(200, await showRun(runId, query, deps.review)) };
};

/** One page of the findings table: sorted, filtered by situation and pool, searched. */
const findings: RouteHandler<Deps> = async (call, deps) => {
  const runId = runIdOf(call);
  const query = parseFindingsQuery(call.query, '(query)');
  return { target: runId, answer: json(200, await showFindings(runId, query, deps.review)) };
};

const DOWNLOADS = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** The run's CSV or JSON report, as stored in the reports bucket, as a file to save. */
const download: RouteHandler<Deps> = async (call, deps) => {
  const runId = runIdOf(call);
  const format = call.parameters.format ?? '';
  if (!Object.hasOwn(DOWNLOADS, format))
    return { target: runId, answer: invalid(['format: must be csv or json']) };
  const type = DOWNLOADS[format as keyof typeof DOWNLOADS];
  const { text } = await reportArtifact(runId, format as keyof typeof DOWNLOADS, deps.review);
  const name = `warden-${runId.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}`;
  return {
    target: runId,
    answer: {
      statusCode: 200,
      headers: {
        'content-type': type,
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
      body: text,
    },
  };
};

/** Approve or reject a quarantined run, with the reason, as the signed-in staff member. */
const decide =
  (decision: 'approve' | 'reject'): RouteHandler<Deps> =>
  async (call, deps) => {
    const runId = runIdOf(call);
    const body = validate(reasonSchema, call.body);
    if ('problems' in body) return { target: runId, answer: invalid(body.problems) };
    const result = await decideQuarantine(
      { runId, decision, reason: body.value.reason, actor: actorOf(call.staff) },
      deps.review,
    );
    return {
      target: runId,
      answer: json(200, { run: runListItem(result.run), decided: result.decided }),
    };
  };

export const runRoutes = {
  'runs.list': list,
  'runs.show': show,
  'runs.findings': findings,
  'runs.download': download,
  'runs.approve': decide('approve'),
  'runs.reject': decide('reject'),
};
