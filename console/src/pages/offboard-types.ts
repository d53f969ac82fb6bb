/** An offboarding as the API shows it (the core's `OffboardingView`). */
export interface OffboardingView {
  id: string;
  employeeId: string;
  status: 'done' | 'scheduled' | 'partially_failed' | 'cancelled';
  effectiveAt: string;
  accounts: { source: string; username: string; outcome: string | null }[];
  flagged: { source: string; username: string; reason: string }[];
  warnings: string[];
  origin: 'hr' | 'feed';
  requestedBy: string;
  requestedAt: string;
  cancelReason?: string;
}

export interface Preview {
  employeeId: string;
  accounts: { source: string; username: string; enabled: boolean }[];
  flagged: { source: string; username: string; reason: string }[];
  warnings: string[];
}
