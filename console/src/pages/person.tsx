import { useState } from 'preact/hooks';
import type { PersonView } from '../../../functions/core/review/find-person.js';
import type { RestoreResult } from '../../../functions/core/review/restore-account.js';
import { SituationBadge } from '../../../functions/report-views/components/status-badge.js';
import { ApiError, api, query } from '../api.js';
import { DataTable, type Sort } from '../components/data-table.js';
import { ErrorNotice, StatusNotice } from '../components/notice.js';
import { Pager, pageOf } from '../components/pager.js';
import { formatInstant } from '../format.js';

type Answer = PersonView & { trailShown: boolean };
type Account = PersonView['accounts'][number];
type TrailEvent = PersonView['trail'][number];

const TRAIL_PAGE = 25;

/**
 * A person by employee id, username or email: their accounts in every pool and their situation in
 * the last run, their access end, offboardings and trail; and Restore for an IT admin.
 */
export function PersonPage(props: { mayRestore: boolean; mayOverride: boolean }) {
  const [text, setText] = useState('');
  const [by, setBy] = useState('');
  const [person, setPerson] = useState<Answer>();
  const [error, setError] = useState<Error>();
  const [restoring, setRestoring] = useState<Account>();
  const [message, setMessage] = useState<string>();

  const search = async (event?: Event) => {
    event?.preventDefault();
    setError(undefined);
    try {
      setPerson(await api<Answer>(`/api/people${query({ q: text.trim(), by })}`));
    } catch (e) {
      setPerson(undefined);
      setError(e as Error);
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>People</h1>
      <search>
        <form class="filters" onSubmit={search} aria-label="Find a person">
          <div class="field">
            <label for="person-query">Employee id, username or email</label>
            <input
              id="person-query"
              required
              autoComplete="off"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="person-by">Search by</label>
            <select id="person-by" value={by} onChange={(e) => setBy(e.currentTarget.value)}>
              <option value="">Any of them</option>
              <option value="employeeId">Employee id</option>
              <option value="username">Username</option>
              <option value="email">Email</option>
            </select>
          </div>
          <button type="submit">Find</button>
        </form>
      </search>
      {error && <ErrorNotice error={error} />}
      {message && <StatusNotice>{message}</StatusNotice>}
      {person && (
        <PersonDetails
          person={person}
          mayRestore={props.mayRestore}
          onRestore={(account) => {
            setMessage(undefined);
            setRestoring(account);
          }}
        />
      )}
      {restoring && (
        <RestoreForm
          account={restoring}
          mayOverride={props.mayOverride}
          onClose={() => setRestoring(undefined)}
          onDone={(result) => {
            setRestoring(undefined);
            setMessage(
              `Restored ${result.source}/${result.username}: ${result.outcome}.${result.warnings.length ? ` ${result.warnings.join(' ')}` : ''}`,
            );
            search();
          }}
        />
      )}
    </>
  );
}

function PersonDetails(props: {
  person: Answer;
  mayRestore: boolean;
  onRestore: (account: Account) => void;
}) {
  const { person } = props;
  const [sort, setSort] = useState<Sort>({ key: 'at', direction: 'desc' });
  const [page, setPage] = useState(1);
  const trail = [...person.trail].sort((a, b) => {
    const order = String(a[sort.key as 'at']).localeCompare(String(b[sort.key as 'at']));
    return sort.direction === 'asc' ? order : -order;
  });
  const shown = pageOf(trail, page, TRAIL_PAGE);
  return (
    <section class="stack" aria-labelledby="person-heading">
      <h2 id="person-heading">
        {person.employeeIds.length > 0
          ? `Employee ${person.employeeIds.join(', ')}`
          : `Accounts matching “${person.query}”`}
      </h2>
      <DataTable
        caption="Accounts in every governed pool"
        columns={[
          { key: 'source', label: 'User pool', render: (a) => a.source },
          { key: 'username', label: 'Username', render: (a) => a.username },
          { key: 'enabled', label: 'Now', render: (a) => (a.enabled ? 'enabled' : 'disabled') },
          {
            key: 'situation',
            label: 'Situation in the last run',
            render: (a) =>
              a.lastRun ? (
                <>
                  <SituationBadge situation={a.lastRun.situation} />{' '}
                  <span class="muted">{a.lastRun.reason}</span>
                </>
              ) : (
                'not in the last run'
              ),
          },
          {
            key: 'access',
            label: 'Access ends',
            render: (a) => (a.accessEndsAt ? formatInstant(a.accessEndsAt) : '—'),
          },
          ...(props.mayRestore
            ? [
                {
                  key: 'restore',
                  label: 'Restore',
                  render: (a: Account) =>
                    a.enabled ? (
                      '—'
                    ) : (
                      <button type="button" onClick={() => props.onRestore(a)}>
                        Restore<span class="visually-hidden"> {a.username}</span>
                      </button>
                    ),
                },
              ]
            : []),
        ]}
        rows={person.accounts}
        rowKey={(a) => `${a.source}/${a.username}`}
        empty="No account found."
      />
      <DataTable
        caption="Offboardings"
        columns={[
          { key: 'id', label: 'Offboarding', render: (o) => o.id },
          { key: 'status', label: 'Status', render: (o) => o.status },
          { key: 'effectiveAt', label: 'Access ends', render: (o) => formatInstant(o.effectiveAt) },
          { key: 'requestedBy', label: 'Requested by', render: (o) => o.requestedBy },
        ]}
        rows={person.offboardings}
        rowKey={(o) => o.id}
        empty="No offboarding."
      />
      {person.trailShown ? (
        <>
          <DataTable
            caption="Trail: account changes and sign-in decisions"
            columns={[
              { key: 'at', label: 'When', sortable: true, render: (e) => formatInstant(e.at) },
              { key: 'type', label: 'What', sortable: true, render: trailWhat },
              {
                key: 'username',
                label: 'Account',
                sortable: true,
                render: (e) => `${e.source}/${e.username}`,
              },
              {
                key: 'country',
                label: 'Country',
                render: (e) => (e.type === 'sign-in' ? (e.country ?? 'unknown') : '—'),
              },
              { key: 'rule', label: 'Rule', render: (e) => (e.type === 'sign-in' ? e.rule : '—') },
              { key: 'reason', label: 'Why', render: (e) => e.reason },
            ]}
            rows={shown.rows}
            rowKey={(e) => `${e.type}/${e.at}/${e.source}/${e.username}/${e.reason}`}
            sort={sort}
            onSort={setSort}
            empty="Nothing recorded."
          />
          <Pager
            label="Trail pages"
            page={page}
            pages={shown.pages}
            total={trail.length}
            onPage={setPage}
          />
        </>
      ) : (
        <p class="muted">
          Your role shows people's situation; their trail is for IT admins and auditors.
        </p>
      )}
    </section>
  );
}

const trailWhat = (e: TrailEvent) =>
  e.type === 'change' ? `${e.kind}${e.actor ? ` by ${e.actor}` : ''}` : `sign-in: ${e.outcome}`;

function RestoreForm(props: {
  account: Account;
  mayOverride: boolean;
  onClose: () => void;
  onDone: (result: RestoreResult) => void;
}) {
  const { account } = props;
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [needsOverride, setNeedsOverride] = useState(false);
  const [error, setError] = useState<Error>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      props.onDone(
        await api<RestoreResult>('/api/accounts/restore', {
          method: 'POST',
          body: {
            source: account.source,
            username: account.username,
            reason,
            ...(override.trim() ? { overrideReason: override } : {}),
          },
        }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setNeedsOverride(true);
      setError(e as Error);
    }
  };
  return (
    <form class="stack panel" onSubmit={submit} aria-labelledby="restore-heading">
      <h2 id="restore-heading">
        Restore {account.source}/{account.username}
      </h2>
      <p>Restoring re-enables an account Warden disabled. It is audited with your name.</p>
      {error && <ErrorNotice error={error} />}
      <div class="field">
        <label for="restore-reason">Why restore it?</label>
        <textarea
          id="restore-reason"
          required
          maxLength={2000}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </div>
      {props.mayOverride && (needsOverride || override) && (
        <div class="field">
          <label for="restore-override">
            Override reason (the person was offboarded or is a leaver)
          </label>
          <textarea
            id="restore-override"
            maxLength={2000}
            value={override}
            onInput={(e) => setOverride(e.currentTarget.value)}
          />
        </div>
      )}
      <div class="actions">
        <button type="submit">Restore the account</button>
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
