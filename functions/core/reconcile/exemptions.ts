import type { Account } from '../account.js';
import type { Exemption } from '../config/reconcile-config.js';
import { endOfDayInZone } from '../time/zoned-day.js';
import type { ExpiringExemption } from './run-record.js';

export type ExemptionMatch = { exemption: Exemption; expired: boolean };

/** Finds the exemption that names an account, by username (optionally per pool) or employee id. */
export function exemptionLookup(exemptions: Exemption[], now: Date, timeZone: string) {
  const byUsername = new Map<string, ExemptionMatch[]>();
  const byEmployeeId = new Map<string, ExemptionMatch[]>();
  const add = (map: Map<string, ExemptionMatch[]>, key: string, match: ExemptionMatch) =>
    map.set(key, [...(map.get(key) ?? []), match]);
  for (const exemption of exemptions) {
    const match = { exemption, expired: endOfDayInZone(exemption.expires, timeZone) <= now };
    if (exemption.username !== undefined) add(byUsername, exemption.username, match);
    if (exemption.employeeId !== undefined) add(byEmployeeId, exemption.employeeId, match);
  }
  return (account: Account, employeeId: string | undefined): ExemptionMatch | undefined => {
    if (exemptions.length === 0) return undefined;
    const id = employeeId ?? account.employeeId;
    const candidates = [
      ...(byUsername.get(account.username) ?? []),
      ...((id !== undefined && byEmployeeId.get(id)) || []),
    ].filter((m) => !m.exemption.userPoolId || m.exemption.userPoolId === account.source);
    // An unexpired exemption wins; an expired one is still reported.
    return candidates.find((m) => !m.expired) ?? candidates[0];
  };
}

const DAY_MS = 86_400_000;

/** Exemptions still in force that end within `days` of `now`, soonest first. */
export function expiringWithin(
  exemptions: readonly Exemption[],
  now: Date,
  timeZone: string,
  days = 30,
): ExpiringExemption[] {
  return exemptions
    .map((exemption) => ({
      exemption,
      ends: endOfDayInZone(exemption.expires, timeZone).getTime() - now.getTime(),
    }))
    .filter(({ ends }) => ends > 0 && ends <= days * DAY_MS)
    .sort((a, b) => a.ends - b.ends)
    .map(({ exemption, ends }) => ({
      ...(exemption.username !== undefined ? { username: exemption.username } : {}),
      ...(exemption.employeeId !== undefined ? { employeeId: exemption.employeeId } : {}),
      ...(exemption.userPoolId !== undefined ? { userPoolId: exemption.userPoolId } : {}),
      owner: exemption.owner,
      reason: exemption.reason,
      expires: exemption.expires,
      daysLeft: Math.ceil(ends / DAY_MS),
    }));
}
