import { useState } from 'preact/hooks';
import { type ApiError, api, query } from '../api.js';
import { DataTable } from '../components/data-table.js';
import { ErrorNotice, StatusNotice } from '../components/notice.js';
import { ZonedMomentFields, type ZonedMomentValue } from '../components/zoned-moment.js';
import type { OffboardingView, Preview } from './offboard-types.js';
import { OffboardingOutcome } from './offboarding-outcome.js';
import { ScheduledOffboardings } from './scheduled-offboardings.js';

type Step = 'edit' | 'review' | 'sending' | 'done';

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** HR offboards one person: find their accounts, choose when, give a reason, confirm, follow. */
export function OffboardPage({ deploymentZone }: { deploymentZone?: string }) {
  const [employeeId, setEmployeeId] = useState('');
  const [preview, setPreview] = useState<Preview>();
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [moment, setMoment] = useState<ZonedMomentValue>({ localDateTime: '', timeZone: '' });
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<Step>('edit');
  const [key, setKey] = useState('');
  const [result, setResult] = useState<OffboardingView>();
  const [error, setError] = useState<ApiError | Error>();
  const [round, setRound] = useState(0);

  const findAccounts = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setPreview(undefined);
    try {
      setPreview(await api<Preview>(`/api/offboardings/preview${query({ employeeId })}`));
    } catch (e) {
      setError(e as Error);
    }
  };

  const review = (event: Event) => {
    event.preventDefault();
    setError(undefined);
    // One key per reviewed request: a confirmation sent twice offboards once.
    setKey(crypto.randomUUID());
    setStep('review');
  };

  const confirm = async () => {
    setStep('sending');
    setError(undefined);
    try {
      const created = await api<OffboardingView>('/api/offboardings', {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: {
          employeeId: preview?.employeeId,
          reason,
          ...(when === 'at' ? { effectiveAt: moment } : {}),
        },
      });
      setResult(created);
      setStep('done');
      setRound((r) => r + 1);
    } catch (e) {
      setError(e as Error);
      setStep('review');
    }
  };

  const startOver = () => {
    setStep('edit');
    setPreview(undefined);
    setResult(undefined);
    setEmployeeId('');
    setReason('');
    setWhen('now');
    setMoment({ localDateTime: '', timeZone: '' });
  };

  return (
    <>
      <h1 tabIndex={-1}>Offboard a person</h1>
      {error && <ErrorNotice error={error} />}
      {step === 'edit' && (
        <>
          <form class="stack" onSubmit={findAccounts}>
            <div class="field">
              <label for="employee-id">Employee id</label>
              <input
                id="employee-id"
                required
                autoComplete="off"
                value={employeeId}
                onInput={(e) => setEmployeeId(e.currentTarget.value)}
              />
            </div>
            <button type="submit">Show linked accounts</button>
          </form>
          {preview && (
            <form class="stack" onSubmit={review}>
              <LinkedAccounts preview={preview} />
              <fieldset>
                <legend>When does access end?</legend>
                <label class="choice">
                  <input
                    type="radio"
                    name="when"
                    checked={when === 'now'}
                    onChange={() => setWhen('now')}
                  />
                  Now
                </label>
                <label class="choice">
                  <input
                    type="radio"
                    name="when"
                    checked={when === 'at'}
                    onChange={() => setWhen('at')}
                  />
                  At a date and time
                </label>
                {when === 'at' && (
                  <ZonedMomentFields
                    id="offboard-at"
                    value={moment}
                    suggested={[deploymentZone ?? 'UTC', BROWSER_ZONE, 'UTC']}
                    onChange={setMoment}
                  />
                )}
              </fieldset>
              <div class="field">
                <label for="offboard-reason">Reason (kept in the record, never logged)</label>
                <textarea
                  id="offboard-reason"
                  required
                  maxLength={500}
                  value={reason}
                  onInput={(e) => setReason(e.currentTarget.value)}
                />
              </div>
              <button type="submit" disabled={preview.accounts.length === 0}>
                Review
              </button>
            </form>
          )}
        </>
      )}
      {(step === 'review' || step === 'sending') && preview && (
        <section class="stack" aria-labelledby="review-heading">
          <h2 id="review-heading">Check before you confirm</h2>
          <dl class="summary">
            <dt>Employee id</dt>
            <dd>{preview.employeeId}</dd>
            <dt>Access ends</dt>
            <dd>
              {when === 'now'
                ? 'Now'
                : `${moment.localDateTime.replace('T', ' ')} in ${moment.timeZone}`}
            </dd>
            <dt>Accounts to sign out and disable</dt>
            <dd>{preview.accounts.length}</dd>
            <dt>Reason</dt>
            <dd>{reason}</dd>
          </dl>
          <div class="actions">
            <button type="button" class="danger" disabled={step === 'sending'} onClick={confirm}>
              Confirm offboarding
            </button>
            <button type="button" onClick={() => setStep('edit')}>
              Change
            </button>
          </div>
        </section>
      )}
      {step === 'done' && result && (
        <section class="stack" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">Offboarding {result.id}</h2>
          <OffboardingOutcome initial={result} />
          <button type="button" onClick={startOver}>
            Offboard someone else
          </button>
        </section>
      )}
      <ScheduledOffboardings
        key={round}
        deploymentZone={deploymentZone}
        suggestedZones={[deploymentZone ?? 'UTC', BROWSER_ZONE, 'UTC']}
      />
    </>
  );
}

function LinkedAccounts({ preview }: { preview: Preview }) {
  return (
    <>
      <DataTable
        caption={`Accounts linked to ${preview.employeeId}`}
        columns={[
          { key: 'source', label: 'User pool', render: (a) => a.source },
          { key: 'username', label: 'Username', render: (a) => a.username },
          { key: 'enabled', label: 'Now', render: (a) => (a.enabled ? 'enabled' : 'disabled') },
        ]}
        rows={preview.accounts}
        rowKey={(a) => `${a.source}/${a.username}`}
        empty="No account is linked to this employee id."
      />
      {preview.flagged.length > 0 && (
        <DataTable
          caption="Accounts that may be this person's but will not be touched (review them)"
          columns={[
            { key: 'source', label: 'User pool', render: (a) => a.source },
            { key: 'username', label: 'Username', render: (a) => a.username },
            { key: 'reason', label: 'Why', render: (a) => a.reason },
          ]}
          rows={preview.flagged}
          rowKey={(a) => `${a.source}/${a.username}`}
        />
      )}
      {preview.warnings.map((w) => (
        <StatusNotice key={w}>{w}</StatusNotice>
      ))}
    </>
  );
}
