import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { DataTable } from '../components/data-table.js';
import { ErrorNotice } from '../components/notice.js';
import { formatInstant } from '../format.js';
import type { OffboardingView } from './offboard-types.js';

const STATUS_TEXT: Record<OffboardingView['status'], string> = {
  done: 'Done: every linked account is signed out and disabled',
  scheduled: 'Scheduled: access ends at the moment below',
  partially_failed: 'Some accounts failed: Warden retries them',
  cancelled: 'Cancelled',
};

/** Where one offboarding stands, read again on request. */
export function OffboardingOutcome({ initial }: { initial: OffboardingView }) {
  const [view, setView] = useState(initial);
  const [error, setError] = useState<Error>();
  const refresh = async () => {
    try {
      setView(await api<OffboardingView>(`/api/offboardings/${encodeURIComponent(view.id)}`));
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <div class="stack">
      {error && <ErrorNotice error={error} />}
      <p role="status" class={`status status-${view.status}`}>
        {STATUS_TEXT[view.status]}
      </p>
      <dl class="summary">
        <dt>Employee id</dt>
        <dd>{view.employeeId}</dd>
        <dt>Access ends</dt>
        <dd>{formatInstant(view.effectiveAt)}</dd>
        <dt>Requested by</dt>
        <dd>{view.requestedBy}</dd>
      </dl>
      <DataTable
        caption="Accounts"
        columns={[
          { key: 'source', label: 'User pool', render: (a) => a.source },
          { key: 'username', label: 'Username', render: (a) => a.username },
          { key: 'outcome', label: 'Outcome', render: (a) => a.outcome ?? 'waiting' },
        ]}
        rows={view.accounts}
        rowKey={(a) => `${a.source}/${a.username}`}
      />
      <button type="button" onClick={refresh}>
        Refresh status
      </button>
    </div>
  );
}
