import type { ExpiringExemption, PostureReport } from '../../core/reconcile/run-record.js';
import { plural } from './format.js';
import { Empty, Section } from './section.js';

/** Exemptions that end within 30 days of the run: renew them or let them lapse on purpose. */
export function ExpiringExemptions({ exemptions }: { exemptions: ExpiringExemption[] }) {
  return (
    <Section
      id="exemptions"
      title="Exemptions expiring within 30 days"
      aside={plural(exemptions.length, 'exemption')}
    >
      {exemptions.length === 0 ? (
        <Empty>No exemption ends within 30 days.</Empty>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Pool</th>
              <th scope="col">Expires</th>
              <th scope="col" class="num">
                Days left
              </th>
              <th scope="col">Owner</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {exemptions.map((e) => (
              <tr key={`${e.username ?? ''}/${e.employeeId ?? ''}/${e.userPoolId ?? ''}`}>
                <td>
                  {e.username ? <code>{e.username}</code> : null}
                  {e.username && e.employeeId ? ' / ' : null}
                  {e.employeeId ?? null}
                </td>
                <td>{e.userPoolId ?? 'every pool'}</td>
                <td>{e.expires}</td>
                <td class="num">{e.daysLeft}</td>
                <td>{e.owner}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** People who keep their access and may be asked for a one-time code, but cannot receive one. */
export function MfaPosture({ posture }: { posture: PostureReport | null }) {
  return (
    <Section
      id="posture"
      title="MFA posture"
      aside={
        posture
          ? `${plural(posture.withoutVerifiedEmail.length, 'gap')} in ${plural(posture.checked, 'account')}`
          : undefined
      }
    >
      {!posture ? (
        <Empty>No geo fence is configured: nothing to check.</Empty>
      ) : posture.withoutVerifiedEmail.length === 0 ? (
        <Empty>Every account that may be asked for a code can receive one.</Empty>
      ) : (
        <table class="data">
          <caption>
            Accounts that may be asked for a one-time code but have no verified email
          </caption>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Pool</th>
              <th scope="col">Groups</th>
            </tr>
          </thead>
          <tbody>
            {posture.withoutVerifiedEmail.map((g) => (
              <tr key={`${g.source}/${g.username}`}>
                <td class="username">
                  <code>{g.username}</code>
                </td>
                <td>{g.source}</td>
                <td>{g.groups.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** App clients that sign people in without the geo fence, as the configuration allows. */
export function UnfencedClients({ clients }: { clients: { clientId: string; reason: string }[] }) {
  return (
    <Section id="unfenced" title="Unfenced app clients" aside={plural(clients.length, 'client')}>
      {clients.length === 0 ? (
        <Empty>No app client signs people in around the geo fence.</Empty>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">App client</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {clients.map((c) => (
              <tr key={c.clientId}>
                <td>
                  <code>{c.clientId}</code>
                </td>
                <td>{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
