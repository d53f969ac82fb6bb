/** Every account ends a run in exactly one situation. */
export const SITUATIONS = [
  'active',
  'leaver',
  'leaver_disabled',
  'future_leaver',
  'orphan',
  'disputed',
  'exempt',
  'rehire_candidate',
  'unmatched',
] as const;
export type Situation = (typeof SITUATIONS)[number];

/** How the account was tied to an HR record; `email` is the weaker fallback. */
export type MatchKind = 'employee_id' | 'email' | 'none';

export type ActionKind = 'none' | 'disable';

export interface Finding {
  readonly source: string;
  readonly username: string;
  readonly accountKey: string;
  readonly enabled: boolean;
  readonly situation: Situation;
  readonly match: MatchKind;
  /** Employee id of the matched HR record, when there is one. */
  readonly employeeId?: string;
  readonly action: ActionKind;
  /** Deterministic id of the planned change; the same change always gets the same id. */
  readonly actionId?: string;
  readonly reason: string;
  /** For leavers: the instant access ends (ISO), which sign-in triggers enforce. */
  readonly accessEndsAt?: string;
  /** The HR offboarding that disabled the account, when one did. */
  readonly offboardingId?: string;
}

export function emptyCounts(): Record<Situation, number> {
  return Object.fromEntries(SITUATIONS.map((s) => [s, 0])) as Record<Situation, number>;
}
