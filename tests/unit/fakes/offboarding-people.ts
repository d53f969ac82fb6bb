// A small offboarding world: E1 has an account in each of two pools (the second found only by
// email), E2 has one. For unit tests of the offboarding core.
import type { Finding } from '../../../functions/core/reconcile/situation.js';
import { account } from './builders.js';
import { offboardingWorld } from './memory-offboarding.js';
import { MemoryDirectory } from './memory-services.js';

export const PRESS = 'us-east-1_Press';
export const ACCRED = 'us-east-1_Accred';
export const HR = 'arn:aws:sts::111122223333:assumed-role/hr-integration/workday';

export function peopleWorld() {
  const press = new MemoryDirectory(PRESS, [
    account('mariana.ruiz', { source: PRESS, employeeId: 'E1', email: 'mariana@x.org' }),
    account('citlali.tapia', { source: PRESS, employeeId: 'E2', email: 'citlali@x.org' }),
  ]);
  const accred = new MemoryDirectory(ACCRED, [
    account('mruiz', { source: ACCRED, email: 'mariana@x.org' }),
  ]);
  const w = offboardingWorld([press, accred]);
  w.index.link('E1', press.accounts[0] as never, 'mariana@x.org');
  w.index.link('E2', press.accounts[1] as never, 'citlali@x.org');
  return { ...w, press, accred };
}

/** An HR request for E1, with any field replaced. */
export const hrRequest = (
  overrides: Partial<
    import('../../../functions/core/offboarding/request-offboarding.js').OffboardingRequest
  > = {},
) => ({
  id: 'ob-000000000000000000000001',
  employeeId: 'E1',
  reason: 'resigned',
  requestedBy: 'hr.person',
  caller: HR,
  origin: 'hr' as const,
  ...overrides,
});

export const minutesFrom = (from: Date, minutes: number) =>
  new Date(from.getTime() + minutes * 60_000);

/** A reconciliation finding: a future leaver in the press pool unless fields say otherwise. */
export const findingOf = (fields: Partial<Finding>): Finding => ({
  source: PRESS,
  username: 'u',
  accountKey: 'k',
  enabled: true,
  situation: 'future_leaver',
  match: 'employee_id',
  action: 'none',
  reason: 'r',
  ...fields,
});
