/** What a reconciliation run's report says about offboardings. */
export interface OffboardingsSection {
  /** Offboardings waiting for their moment, from HR and from the feed. */
  pending: { id: string; employeeId: string; effectiveAt: string; origin: string }[];
  /**
   * The one-time schedules the run keeps for future leavers: created, moved or cancelled.
   * `applied` is false in a dry-run (what it would do) and when the guard stopped the run.
   */
  feedSchedules: {
    employeeId: string;
    offboardingId: string;
    change: 'create' | 'move' | 'cancel';
    effectiveAt: string;
    previousEffectiveAt?: string;
    applied: boolean;
  }[];
}
