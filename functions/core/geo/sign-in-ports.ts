export type SignInOutcome =
  | 'allowed'
  | 'step_up_required'
  | 'step_up_passed'
  | 'step_up_failed'
  | 'denied';

/** One recorded sign-in decision; the address is kept for investigation, never logged. */
export interface SignInDecisionEntry {
  source: string;
  username: string;
  at: Date;
  outcome: SignInOutcome;
  country: string | null;
  rule: string;
  reason: string;
  ip?: string;
}

export interface SignInStore {
  /** When the person's access ended or ends (leaver or offboarded), as the last applied run recorded. */
  accessEndsAt(source: string, username: string): Promise<Date | undefined>;
  /** True the first time a trigger sees this nonce; false for a replay. */
  claimNonce(nonce: string, trigger: string, expiresAt: Date): Promise<boolean>;
  recordDecision(entry: SignInDecisionEntry): Promise<void>;
  listDecisions(source: string, username: string): Promise<SignInDecisionEntry[]>;
}

export interface GroupReader {
  groupsOf(source: string, username: string): Promise<string[]>;
}

export interface CodeSender {
  /** Sends a one-time code to a verified address. */
  send(email: string, code: string): Promise<void>;
}
