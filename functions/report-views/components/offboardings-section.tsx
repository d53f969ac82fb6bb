import type { OffboardingsSection as Offboardings } from '../../core/shared/pending-offboardings.js';
import { formatTime, plural } from './format.js';
import { Empty, Section } from './section.js';

/** Offboardings waiting for their moment, and the future leavers' schedules the run kept. */
export function OffboardingsSection({
  offboardings,
  applied,
}: {
  offboardings: Offboardings | null;
  applied: boolean;
}) {
  const pending = offboardings?.pending ?? [];
  const schedules = offboardings?.feedSchedules ?? [];
  return (
    <Section
      id="offboardings"
      title="Pending offboardings"
      aside={plural(pending.length, 'offboarding')}
    >
      {pending.length === 0 ? (
        <Empty>No offboarding is waiting for its moment.</Empty>
      ) : (
        <table class="data">
          <caption>Offboardings waiting for their moment</caption>
          <thead>
            <tr>
              <th scope="col">Employee id</th>
              <th scope="col">Access ends</th>
              <th scope="col">From</th>
              <th scope="col">Offboarding</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((o) => (
              <tr key={o.id}>
                <td>{o.employeeId}</td>
                <td>{formatTime(o.effectiveAt)}</td>
                <td>{o.origin === 'feed' ? 'HR feed' : 'HR request'}</td>
                <td>
                  <code>{o.id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {schedules.length > 0 ? (
        <table class="data">
          <caption>
            Future leavers' schedules this run{' '}
            {applied ? 'created, moved or cancelled' : 'would create, move or cancel'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Employee id</th>
              <th scope="col">Change</th>
              <th scope="col">Access ends</th>
              <th scope="col">Before</th>
              <th scope="col">Done</th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.offboardingId}>
                <td>{s.employeeId}</td>
                <td>{s.change}</td>
                <td>{formatTime(s.effectiveAt)}</td>
                <td>{s.previousEffectiveAt ? formatTime(s.previousEffectiveAt) : ''}</td>
                <td>{s.applied ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Section>
  );
}
