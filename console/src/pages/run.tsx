import { useEffect, useState } from 'preact/hooks';
import type { FindingsPage, FindingsQuery } from '../../../functions/core/review/findings-query.js';
import type { RunReportView } from '../../../functions/core/review/run-report.js';
import { RunReport } from '../../../functions/report-views/components/run-report.js';
import { ApiError, api } from '../api.js';
import { currentSession } from '../auth/session.js';
import { ErrorNotice, Loading } from '../components/notice.js';
import { findingsQueryString } from '../findings-query-string.js';
import { href } from '../router.js';
import { useApi } from '../use-api.js';
import { QuarantineReview } from './quarantine-review.js';

/**
 * One run's report, from the same components as the self-contained HTML report; its findings
 * table pages, sorts, filters and searches on the server, one page at a time. With `review`, the
 * quarantine review: the guard's rules, who would be disabled, and Approve or Reject.
 */
export function RunPage(props: { runId: string; review: boolean; mayReview: boolean }) {
  const loaded = useApi<RunReportView>(`/api/runs/${encodeURIComponent(props.runId)}`);
  const [view, setView] = useState<RunReportView>();
  const [error, setError] = useState<Error>();
  useEffect(() => setView(loaded.data), [loaded.data]);

  const onFindingsQuery = async (query: FindingsQuery) => {
    try {
      const page = await api<FindingsPage>(
        `/api/runs/${encodeURIComponent(props.runId)}/findings${findingsQueryString(query)}`,
      );
      setView((v) => v && { ...v, findings: page });
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e : new Error(String(e)));
    }
  };

  if (loaded.error) return <ErrorNotice error={loaded.error} />;
  if (!view) return <Loading what={`run ${props.runId}`} />;
  const awaiting = view.run.status === 'quarantined' && !view.review;
  const downloads = (
    <p class="downloads">
      Download the report:
      <button type="button" class="link" onClick={download(props.runId, 'csv')}>
        CSV
      </button>
      <button type="button" class="link" onClick={download(props.runId, 'json')}>
        JSON
      </button>
    </p>
  );
  return (
    <>
      {error && <ErrorNotice error={error} />}
      {awaiting && !props.review && props.mayReview && (
        <p class="notice">
          This run is quarantined and waits for a decision.{' '}
          <a href={href('runs', props.runId, 'review')}>Review it</a>
        </p>
      )}
      {downloads}
      <RunReport
        view={view}
        onFindingsQuery={onFindingsQuery}
        review={
          props.review && props.mayReview && awaiting ? (
            <QuarantineReview runId={props.runId} onDecided={loaded.reload} />
          ) : undefined
        }
      />
    </>
  );
}

/**
 * Downloads go through the API with the staff token (a plain link would carry none), then save
 * the file the API answered with.
 */
function download(runId: string, format: 'csv' | 'json') {
  return async () => {
    const session = currentSession();
    const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/download/${format}`, {
      headers: session ? { authorization: session.idToken } : {},
      cache: 'no-store',
    });
    if (!response.ok) return;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `warden-${runId}.${format}`;
    link.click();
    URL.revokeObjectURL(url);
  };
}
