/** One change Warden made to an account, recorded once per action. */
export interface AuditEntry {
  actionId: string;
  runId: string;
  kind: string;
  source: string;
  username: string;
  reason: string;
  at: Date;
}

export interface AuditLog {
  /** Every change Warden made to one account, oldest first. */
  listAudit(source: string, username: string): Promise<AuditEntry[]>;
}
