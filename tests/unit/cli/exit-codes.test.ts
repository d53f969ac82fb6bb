import { describe, expect, it } from 'vitest';
import { EXIT, exitStatusOfRun } from '../../../cli/exit-codes.js';
import { RUN_STATUSES } from '../../../functions/core/reconcile/run-record.js';

describe('the exit status of a run', () => {
  it('is 3 when quarantined, 1 when it failed or completed with errors, else 0', () => {
    expect(Object.fromEntries(RUN_STATUSES.map((s) => [s, exitStatusOfRun(s)]))).toEqual({
      planned: EXIT.ok,
      quarantined: EXIT.quarantined,
      applying: EXIT.ok,
      completed: EXIT.ok,
      completed_with_errors: EXIT.failure,
      failed: EXIT.failure,
      rejected: EXIT.ok,
    });
  });
});
