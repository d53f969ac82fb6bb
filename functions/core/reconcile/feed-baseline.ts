import type { FeedKind } from '../hr/hr-record.js';

/** The size of the last feed a run accepted, for the guard's roster-shrink rule. */
export interface FeedBaseline {
  kind: FeedKind;
  records: number;
  runId: string;
  acceptedAt: Date;
}
