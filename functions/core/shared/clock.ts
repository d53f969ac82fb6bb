/** The time, injected everywhere so that tests decide what "now" is. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique id for a run, that sorts by start time. */
  runId(now: Date): string;
}
