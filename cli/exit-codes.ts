import type { RunStatus } from '../functions/core/reconcile/run-record.js';
import { WardenError } from '../functions/core/shared/errors.js';

/** The CLI's exit statuses, documented in the README. */
export const EXIT = {
  ok: 0,
  failure: 1,
  invalidInput: 2,
  quarantined: 3,
  /** `audit verify` found an edited, deleted, reordered or inserted entry. */
  auditBroken: 4,
} as const;

/** An error whose message is meant for the user as it is, with the status to exit with. */
export class CliError extends WardenError {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.invalidInput,
  ) {
    super(message);
  }
}

/** How a run ended, as an exit status: quarantined 3; failed, or completed with errors, 1. */
export function exitStatusOfRun(status: RunStatus): number {
  if (status === 'quarantined') return EXIT.quarantined;
  return status === 'failed' || status === 'completed_with_errors' ? EXIT.failure : EXIT.ok;
}
