import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNotice, StatusNotice } from '../components/notice.js';

type Decision = 'approve' | 'reject';

/**
 * Approve or Reject a quarantined run, each with its own required reason, recorded with the staff
 * member who decided. Approving applies exactly the plan reviewed above.
 */
export function QuarantineReview(props: { runId: string; onDecided: () => void }) {
  const [reasons, setReasons] = useState<Record<Decision, string>>({ approve: '', reject: '' });
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  const [error, setError] = useState<Error>();
  const decide = (decision: Decision) => async (event: Event) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      const answer = await api<{ decided: { runId: string; status: string } }>(
        `/api/runs/${encodeURIComponent(props.runId)}/${decision}`,
        { method: 'POST', body: { reason: reasons[decision] } },
      );
      setOutcome(
        decision === 'approve'
          ? `Approved: run ${answer.decided.runId} applied the plan and ended ${answer.decided.status}.`
          : `Rejected: nothing was changed (${answer.decided.status}).`,
      );
      props.onDecided();
    } catch (e) {
      setError(e as Error);
    } finally {
      setSending(false);
    }
  };
  const form = (decision: Decision, label: string, help: string) => (
    <form class="stack panel" onSubmit={decide(decision)}>
      <div class="field">
        <label for={`${decision}-reason`}>{help}</label>
        <textarea
          id={`${decision}-reason`}
          required
          maxLength={2000}
          value={reasons[decision]}
          onInput={(e) => setReasons({ ...reasons, [decision]: e.currentTarget.value })}
        />
      </div>
      <button type="submit" class={decision === 'reject' ? 'danger' : undefined} disabled={sending}>
        {label}
      </button>
    </form>
  );
  return (
    <section class="section review" aria-labelledby="decide-title">
      <h2 id="decide-title">Decide</h2>
      <p>
        Read the guard's rules and the accounts the plan disables (below) first. Approving applies
        exactly this plan; rejecting closes the run and changes nothing.
      </p>
      {error && <ErrorNotice error={error} />}
      {outcome && <StatusNotice>{outcome}</StatusNotice>}
      <div class="decisions">
        {form('approve', 'Approve and apply', 'Why approve? (recorded with your name)')}
        {form('reject', 'Reject', 'Why reject? (recorded with your name)')}
      </div>
    </section>
  );
}
