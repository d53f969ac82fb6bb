import type { ChangeList, RunChanges } from '../../core/review/run-changes.js';
import { formatTime, plural, SITUATION_LABEL } from './format.js';
import { Empty, Section } from './section.js';

const LISTS: {
  key: keyof Pick<RunChanges, 'newLeavers' | 'newlyDisabled' | 'resolvedOrphans' | 'newOrphans'>;
  title: string;
}[] = [
  { key: 'newLeavers', title: 'New leavers' },
  { key: 'newlyDisabled', title: 'Newly disabled' },
  { key: 'resolvedOrphans', title: 'Resolved orphans' },
  { key: 'newOrphans', title: 'New orphans' },
];

/** What changed since the previous run that planned. */
export function ChangesSection({ changes }: { changes: RunChanges | null }) {
  if (!changes) {
    return (
      <Section id="changes" title="Changes since the previous run">
        <Empty>No earlier run to compare with.</Empty>
      </Section>
    );
  }
  return (
    <Section
      id="changes"
      title="Changes since the previous run"
      aside={`run ${changes.previousRunId}, ${formatTime(changes.previousStartedAt)}`}
    >
      {changes.notes.map((n) => (
        <p class="note" key={n}>
          {n}
        </p>
      ))}
      <div class="changes">
        {LISTS.map(({ key, title }) => (
          <ChangeTable key={key} id={`changes-${key}`} title={title} list={changes[key]} />
        ))}
      </div>
    </Section>
  );
}

function ChangeTable({ id, title, list }: { id: string; title: string; list: ChangeList }) {
  return (
    <div class="change">
      <h3 id={id}>
        {title} <span class="aside">{plural(list.count, 'account')}</span>
      </h3>
      {list.count === 0 ? (
        <Empty>None.</Empty>
      ) : (
        <table class="data" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Pool</th>
              <th scope="col">Employee id</th>
              <th scope="col">Was</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {list.accounts.map((a) => (
              <tr key={`${a.source}/${a.username}`}>
                <td class="username">
                  <code>{a.username}</code>
                </td>
                <td>{a.source}</td>
                <td>{a.employeeId ?? ''}</td>
                <td>{a.previousSituation ? SITUATION_LABEL[a.previousSituation] : 'not listed'}</td>
                <td>{a.situation ? SITUATION_LABEL[a.situation] : 'not listed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.count > list.accounts.length ? (
        <p class="more">And {plural(list.count - list.accounts.length, 'more account')}.</p>
      ) : null}
    </div>
  );
}
