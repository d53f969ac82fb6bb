/**
 * Every error Warden raises on purpose. `cause` keeps the error underneath (an SDK fault, a
 * parse failure) for logs and debugging; messages never carry personal data.
 */
export class WardenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that failed validation: where it came from, and one line per bad field. */
export class InvalidInputError extends WardenError {
  constructor(
    readonly origin: string,
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(`invalid ${origin}: ${problems.join('; ')}`, options);
  }
}

/** An invalid deployment configuration, geo policy or function environment: one line per field. */
export class ConfigError extends InvalidInputError {
  constructor(origin: string, problems: string[], options?: { cause?: unknown }) {
    super(origin, problems, options);
    this.message = `invalid configuration in ${origin}:\n${problems.map((p) => `  ${p}`).join('\n')}`;
  }
}

/** Another reconciliation run holds the lock: runs never overlap. */
export class RunInProgressError extends WardenError {
  constructor() {
    super('another reconciliation run holds the lock; runs never overlap');
  }
}

/** A listing's pagination token the directory no longer accepts: that listing starts over. */
export class ListingExpiredError extends WardenError {
  constructor(
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(
      `the listing of ${source} can no longer be resumed: its pagination token expired`,
      options,
    );
  }
}

/** An admin's approval or rejection that cannot apply to the run it names. */
export class ReviewError extends WardenError {}

/**
 * The one answer a refused sign-in gets, whatever the reason: Cognito passes a trigger's error
 * message to the client, so it must never tell a denied country from a wrong password.
 */
export const SIGN_IN_REFUSED = 'Sign-in refused';

/** A sign-in a trigger refuses; the message is always the generic one. */
export class SignInRefusedError extends WardenError {
  constructor() {
    super(SIGN_IN_REFUSED);
  }
}

/** The error's name only: messages of SDK and parse errors may echo personal data. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
