import {
  NotFoundError,
  RestoreRefusedError,
  RunNotFoundError,
} from '../functions/core/review/errors.js';
import { InvalidInputError, ReviewError } from '../functions/core/shared/errors.js';
import { CliError, EXIT } from './exit-codes.js';

/**
 * The review's refusals as the CLI's exit statuses: a bad option or an unknown run or account is
 * invalid input (2); a run not awaiting review or a restore the rules refuse is a refusal (1).
 */
export async function asCliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof InvalidInputError ||
      error instanceof NotFoundError ||
      error instanceof RunNotFoundError
    )
      throw new CliError(error.message, EXIT.invalidInput);
    if (error instanceof ReviewError || error instanceof RestoreRefusedError)
      throw new CliError(error.message, EXIT.failure);
    throw error;
  }
}
