import { WardenError } from '../shared/errors.js';

/** No run has this id. */
export class RunNotFoundError extends WardenError {
  constructor(readonly runId: string) {
    super(`no run ${runId}`);
  }
}

/** The thing asked for does not exist: an account, a report artifact. */
export class NotFoundError extends WardenError {}

/**
 * A restore the rules refuse. `needsOverride`: an admin may still restore by giving an override
 * reason (an offboarded person, a current leaver); otherwise no reason makes it possible.
 */
export class RestoreRefusedError extends WardenError {
  constructor(
    message: string,
    readonly needsOverride: boolean,
  ) {
    super(message);
  }
}
