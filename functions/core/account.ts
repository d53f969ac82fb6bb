/** An account as Warden sees it, whatever directory it lives in. */
export interface Account {
  /** The directory it belongs to, e.g. a Cognito user pool id. */
  source: string;
  /** The name the directory's API takes. */
  username: string;
  /** Immutable id (Cognito `sub`); tells a re-created account from the old one. */
  sub?: string;
  enabled: boolean;
  status: string;
  email?: string;
  /** Whether the email can receive a one-time sign-in code (Cognito's `email_verified`). */
  emailVerified?: boolean;
  /** Value of the source's immutable correlation attribute, e.g. `custom:employee_id`. */
  employeeId?: string;
  createdAt?: Date;
}

/** Stable key of an account inside its source, for state Warden keeps about it. */
export function accountKey(account: Pick<Account, 'sub' | 'username'>): string {
  return account.sub ?? `username:${account.username}`;
}
