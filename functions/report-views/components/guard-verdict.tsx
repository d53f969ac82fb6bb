import type { GuardCheck } from '../../core/reconcile/guard.js';
import type { GuardView, ReviewView } from '../../core/review/run-report.js';
import { formatTime } from './format.js';
import { Empty, Section } from './section.js';

const RULE_LABEL: Record<GuardCheck['rule'], string> = {
  maxDisableCount: 'Accounts the plan disables',
  maxDisablePercent: 'Share of enabled accounts the plan disables',
  maxRosterShrinkPercent: 'Roster shrink since the last accepted roster',
};

const measure = (value: number, unit: GuardCheck['unit']) =>
  unit === 'percent' ? `${value}%` : String(value);

/**
 * The guard's verdict: each rule with its threshold and what this run measured, which tripped,
 * and an admin's decision on a quarantined run.
 */
export function GuardVerdict({
  guard,
  review,
}: {
  guard: GuardView | null;
  review: ReviewView | null;
}) {
  return (
    <Section
      id="guard"
      title="Guard"
      aside={
        guard ? (guard.tripped ? 'tripped: quarantined, nothing changed' : 'passed') : undefined
      }
    >
      {guard ? (
        <>
          {guard.checks.length > 0 ? (
            <table class="data">
              <caption>
                Each rule of the guard, its threshold and the value this run measured
              </caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Setting</th>
                  <th scope="col" class="num">
                    Threshold
                  </th>
                  <th scope="col" class="num">
                    Measured
                  </th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {guard.checks.map((c) => (
                  <tr key={c.rule} class={c.tripped ? 'tripped' : undefined}>
                    <td>{RULE_LABEL[c.rule]}</td>
                    <td>
                      <code>{c.rule}</code>
                    </td>
                    <td class="num">{measure(c.threshold, c.unit)}</td>
                    <td class="num">{measure(c.measured, c.unit)}</td>
                    <td>{c.tripped ? <strong class="bad">tripped</strong> : 'within'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {guard.reasons.length > 0 ? (
            <ul class="reasons">
              {guard.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <Empty>The run stopped before the guard was evaluated.</Empty>
      )}
      {review ? <ReviewNote review={review} /> : null}
    </Section>
  );
}

function ReviewNote({ review }: { review: ReviewView }) {
  return (
    <div class={`review review-${review.decision}`}>
      <p>
        <strong>{review.decision === 'approved' ? 'Approved' : 'Rejected'}</strong> by{' '}
        <code>{review.by}</code> at {formatTime(review.at)}.
      </p>
      <p>Reason: {review.reason}</p>
      {review.appliedBy ? (
        <p>
          Applied by run <code>{review.appliedBy.runId}</code>, which ended{' '}
          {review.appliedBy.status}.
        </p>
      ) : null}
    </div>
  );
}
