/**
 * When each person's access ends (a leaver's last day, an offboarding), per account. Applied
 * reconciliation runs write it; the sign-in triggers read it and refuse from that moment on.
 */
export interface AccessEndRegister {
  /** When the account's access ended or ends, if Warden knows; a value it cannot read refuses. */
  accessEndsAt(source: string, username: string): Promise<Date | undefined>;
  /**
   * Records the access ends of a source. With `complete`, the map is the whole truth for the
   * source and entries not in it are removed (a rehire).
   */
  recordAccessEnds(
    source: string,
    ends: ReadonlyMap<string, Date>,
    complete: boolean,
  ): Promise<void>;
}
