import type { Account } from '../account.js';
import type { Exemption } from '../config/reconcile-config.js';
import { endOfDayInZone } from '../time/zoned-day.js';

export type ExemptionMatch = { exemption: Exemption; expired: boolean };

/** Finds the exemption that names an account, by username (optionally per pool) or employee id. */
export function exemptionLookup(exemptions: Exemption[], now: Date, timeZone: string) {
  const ends = exemptions.map((exemption) => ({
    exemption,
    expired: endOfDayInZone(exemption.expires, timeZone) <= now,
  }));
  return (account: Account, employeeId: string | undefined): ExemptionMatch | undefined => {
    const matches = ends.filter(
      ({ exemption: e }) =>
        (!e.userPoolId || e.userPoolId === account.source) &&
        ((e.username !== undefined && e.username === account.username) ||
          (e.employeeId !== undefined && e.employeeId === (employeeId ?? account.employeeId))),
    );
    return matches.find((m) => !m.expired) ?? matches[0];
  };
}
