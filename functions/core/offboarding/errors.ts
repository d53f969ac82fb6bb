import { WardenError } from '../shared/errors.js';

/** No offboarding has this id. */
export class OffboardingNotFoundError extends WardenError {
  constructor(readonly offboardingId: string) {
    super(`no offboarding ${offboardingId}`);
  }
}

/** The offboarding is not in a state that allows the change (a cancel of one already done). */
export class OffboardingConflictError extends WardenError {}

/**
 * An offboarding's id follows from its request's key: a request for another person, reason or
 * requester under a key already used must not find (and answer with) the first one.
 */
export class OffboardingKeyReusedError extends WardenError {
  constructor() {
    super('this Idempotency-Key was used for another request: send a new one');
  }
}

/** An offboarding that acted on some accounts and failed on others: it is retried. */
export class OffboardingIncompleteError extends WardenError {
  constructor(
    readonly offboardingId: string,
    failed: number,
  ) {
    super(`offboarding ${offboardingId}: ${failed} account(s) failed; it will be retried`);
  }
}
