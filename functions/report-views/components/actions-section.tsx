import type { ActionsView, ErrorsView } from '../../core/review/run-report.js';
import { AccountCells, outcomeText } from './finding-cells.js';
import { plural } from './format.js';
import { Empty, Section } from './section.js';

/**
 * The disables the plan holds and how each went: exactly who would be disabled, for a dry-run or a
 * quarantined run. The first rows are listed; the findings table filters to all of them.
 */
export function ActionsSection({ actions }: { actions: ActionsView }) {
  const { counts } = actions;
  const heading = actions.applied ? 'Sign-out and disable: outcomes' : 'Who would be disabled';
  return (
    <Section id="actions" title={heading} aside={plural(counts.planned, 'account')}>
      <p>
        {actions.applied
          ? `${counts.applied} disabled, ${counts.alreadyDone} already done, ${counts.failed} failed, of ${counts.planned} planned.`
          : `${plural(counts.planned, 'account')} would be signed out everywhere and disabled; nothing was changed.`}
      </p>
      {actions.rows.length > 0 ? (
        <table class="data">
          <caption>Planned sign-out and disable, one row per account</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Pool</th>
              <th scope="col">Employee id</th>
              <th scope="col">Outcome</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {actions.rows.map((f) => (
              <tr key={`${f.source}/${f.username}`}>
                <AccountCells finding={f} />
                <td>{outcomeText(f)}</td>
                <td>{f.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>The plan disables no account.</Empty>
      )}
      {actions.more > 0 ? (
        <p class="more">
          And {plural(actions.more, 'more account')}: filter the findings by the action "disable" to
          see them all.
        </p>
      ) : null}
    </Section>
  );
}

/** The run's own failure and the actions that failed (error names only: messages may hold personal data). */
export function ErrorsSection({ errors }: { errors: ErrorsView }) {
  return (
    <Section
      id="errors"
      title="Errors"
      aside={errors.run || errors.failedActions.length ? undefined : 'none'}
    >
      {errors.run ? (
        <p class="bad">
          The run failed: <code>{errors.run}</code>
        </p>
      ) : null}
      {errors.failedActions.length > 0 ? (
        <table class="data">
          <caption>Actions that failed; the next run retries them</caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Pool</th>
              <th scope="col">Employee id</th>
              <th scope="col">Action id</th>
            </tr>
          </thead>
          <tbody>
            {errors.failedActions.map((f) => (
              <tr key={`${f.source}/${f.username}`}>
                <AccountCells finding={f} />
                <td>
                  <code>{f.actionId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {!errors.run && errors.failedActions.length === 0 ? <Empty>No errors.</Empty> : null}
    </Section>
  );
}
