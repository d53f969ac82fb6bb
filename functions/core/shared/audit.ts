/** One change Warden made to an account, recorded once per action. */
export interface AuditEntry {
  actionId: string;
  /** The run, offboarding or restore that made the change. */
  runId: string;
  /** `disable` (a run or an offboarding), or `restore` (an admin re-enabled the account). */
  kind: string;
  source: string;
  username: string;
  reason: string;
  at: Date;
  /** Who made the change when a person did (a restore): an IAM ARN or a staff member. */
  actor?: string;
}

export interface AuditLog {
  /** Every change Warden made to one account, oldest first. */
  listAudit(source: string, username: string): Promise<AuditEntry[]>;
}
