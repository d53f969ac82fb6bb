import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { DataTable, type Sort } from '../components/data-table.js';
import { ErrorNotice, Loading, StatusNotice } from '../components/notice.js';
import { Pager, pageOf } from '../components/pager.js';
import { ZonedMomentFields, type ZonedMomentValue } from '../components/zoned-moment.js';
import { formatInstant } from '../format.js';
import { useApi } from '../use-api.js';
import type { OffboardingView } from './offboard-types.js';

const PAGE_SIZE = 20;
type Change = { id: string; kind: 'move' | 'cancel' };

/** Offboardings HR may still move or cancel, soonest first; or every offboarding. */
export function ScheduledOffboardings(props: {
  deploymentZone?: string;
  suggestedZones: string[];
}) {
  const [status, setStatus] = useState('scheduled');
  const [sort, setSort] = useState<Sort>({ key: 'effectiveAt', direction: 'asc' });
  const [page, setPage] = useState(1);
  const [change, setChange] = useState<Change>();
  const [message, setMessage] = useState<string>();
  const list = useApi<{ offboardings: OffboardingView[] }>(`/api/offboardings${query({ status })}`);
  const rows = [...(list.data?.offboardings ?? [])].sort((a, b) => {
    const field = sort.key as 'effectiveAt' | 'employeeId';
    const order = a[field].localeCompare(b[field]);
    return sort.direction === 'asc' ? order : -order;
  });
  const shown = pageOf(rows, page, PAGE_SIZE);
  const done = (text: string) => {
    setChange(undefined);
    setMessage(text);
    list.reload();
  };
  return (
    <section class="stack" aria-labelledby="scheduled-heading">
      <h2 id="scheduled-heading">Offboardings</h2>
      <div class="filters">
        <div class="field">
          <label for="offboarding-status">Show</label>
          <select
            id="offboarding-status"
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value);
              setPage(1);
            }}
          >
            <option value="scheduled">Scheduled</option>
            <option value="done">Done</option>
            <option value="partially_failed">Partly failed</option>
            <option value="cancelled">Cancelled</option>
            <option value="">All</option>
          </select>
        </div>
      </div>
      {message && <StatusNotice>{message}</StatusNotice>}
      {list.error && <ErrorNotice error={list.error} />}
      {list.loading && <Loading what="offboardings" />}
      <DataTable
        caption={`Offboardings (${rows.length})`}
        columns={[
          { key: 'employeeId', label: 'Employee id', sortable: true, render: (o) => o.employeeId },
          {
            key: 'effectiveAt',
            label: 'Access ends',
            sortable: true,
            render: (o) => (
              <>
                {formatInstant(o.effectiveAt)}
                {props.deploymentZone && props.deploymentZone !== 'UTC' && (
                  <>
                    <br />
                    <span class="muted">{formatInstant(o.effectiveAt, props.deploymentZone)}</span>
                  </>
                )}
              </>
            ),
          },
          { key: 'status', label: 'Status', render: (o) => o.status },
          { key: 'accounts', label: 'Accounts', render: (o) => o.accounts.length },
          { key: 'requestedBy', label: 'Requested by', render: (o) => o.requestedBy },
          {
            key: 'actions',
            label: 'Actions',
            render: (o) =>
              o.status === 'scheduled' ? (
                <div class="actions">
                  <button type="button" onClick={() => setChange({ id: o.id, kind: 'move' })}>
                    Move<span class="visually-hidden"> offboarding of {o.employeeId}</span>
                  </button>
                  <button
                    type="button"
                    class="danger"
                    onClick={() => setChange({ id: o.id, kind: 'cancel' })}
                  >
                    Cancel<span class="visually-hidden"> offboarding of {o.employeeId}</span>
                  </button>
                </div>
              ) : (
                '—'
              ),
          },
        ]}
        rows={shown.rows}
        rowKey={(o) => o.id}
        sort={sort}
        onSort={setSort}
        empty="No offboarding to show."
      />
      <Pager
        label="Offboarding pages"
        page={page}
        pages={shown.pages}
        total={rows.length}
        onPage={setPage}
      />
      {change && (
        <ChangeForm
          change={change}
          suggestedZones={props.suggestedZones}
          onDone={done}
          onClose={() => setChange(undefined)}
        />
      )}
    </section>
  );
}

function ChangeForm(props: {
  change: Change;
  suggestedZones: string[];
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const { change } = props;
  const [moment, setMoment] = useState<ZonedMomentValue>({ localDateTime: '', timeZone: '' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const path = `/api/offboardings/${encodeURIComponent(change.id)}`;
      const view =
        change.kind === 'move'
          ? await api<OffboardingView>(path, { method: 'PATCH', body: { effectiveAt: moment } })
          : await api<OffboardingView>(path, { method: 'DELETE', body: { reason } });
      props.onDone(
        change.kind === 'move'
          ? `Moved: access of ${view.employeeId} now ends ${formatInstant(view.effectiveAt)} (${view.status})`
          : `Cancelled the offboarding of ${view.employeeId}`,
      );
    } catch (e) {
      setError(e as Error);
    }
  };
  const heading = change.kind === 'move' ? 'Move the offboarding' : 'Cancel the offboarding';
  return (
    <form class="stack panel" onSubmit={submit} aria-labelledby="change-heading">
      <h3 id="change-heading">
        {heading} {change.id}
      </h3>
      {error && <ErrorNotice error={error} />}
      {change.kind === 'move' ? (
        <ZonedMomentFields
          id="move-at"
          value={moment}
          suggested={props.suggestedZones}
          onChange={setMoment}
        />
      ) : (
        <div class="field">
          <label for="cancel-reason">Why is it cancelled?</label>
          <textarea
            id="cancel-reason"
            required
            maxLength={500}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </div>
      )}
      <div class="actions">
        <button type="submit" class={change.kind === 'cancel' ? 'danger' : undefined}>
          {change.kind === 'move' ? 'Move it' : 'Cancel the offboarding'}
        </button>
        <button type="button" onClick={props.onClose}>
          Keep it as it is
        </button>
      </div>
    </form>
  );
}
