import type { RunNotice } from '../reconcile/ports.js';
import type { Offboarding } from './offboarding.js';

/** Admins' notice of an offboarding: ids, usernames and outcomes, never HR's free-text reason. */
export function offboardingNotice(offboarding: Offboarding): RunNotice {
  const { id, employeeId, status } = offboarding;
  const lines = [
    `Offboarding ${id} of ${employeeId} (${offboarding.origin}) is ${status}; access ends ${offboarding.effectiveAt.toISOString()}.`,
    ...offboarding.accounts.map(
      (a) =>
        `- ${a.source}/${a.username}: ${a.outcome ?? 'to be disabled'}${a.error ? ` (${a.error})` : ''}`,
    ),
    ...offboarding.flagged.map(
      (f) => `- ${f.source}/${f.username}: NOT acted on, review: ${f.reason}`,
    ),
    ...offboarding.warnings.map((w) => `Warning: ${w}`),
  ];
  return {
    runId: id,
    status,
    subject: `Warden offboarding ${status}: ${employeeId}`.slice(0, 99),
    message: lines.join('\n'),
  };
}
