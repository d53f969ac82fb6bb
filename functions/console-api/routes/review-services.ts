import type { SignInLog } from '../../core/geo/ports.js';
import type { DecideQuarantineDependencies } from '../../core/review/decide-quarantine.js';
import type { FindPersonDependencies } from '../../core/review/find-person.js';
import type { SignInHistory } from '../../core/review/ports.js';
import type { RestoreDependencies } from '../../core/review/restore-account.js';
import type { ShowRunDependencies } from '../../core/review/show-run.js';

/** Everything the review services need (runs, quarantines, restores, people, sign-ins), in one. */
export type ReviewServices = ShowRunDependencies &
  DecideQuarantineDependencies &
  RestoreDependencies &
  FindPersonDependencies & { signIns: SignInHistory & Pick<SignInLog, 'listDecisions'> };
