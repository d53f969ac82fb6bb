import type { Clock } from '../functions/core/shared/clock.js';
import { containerDependencies } from '../functions/geo-triggers/dependencies.js';
import { createCreateAuthChallengeHandler } from '../functions/geo-triggers/handlers/create-auth-challenge.js';
import { createDefineAuthChallengeHandler } from '../functions/geo-triggers/handlers/define-auth-challenge.js';
import { createPreAuthenticationHandler } from '../functions/geo-triggers/handlers/pre-authentication.js';
import { createPreTokenGenerationHandler } from '../functions/geo-triggers/handlers/pre-token-generation.js';
import type {
  TriggerDependencies,
  TriggerHandler,
} from '../functions/geo-triggers/handlers/trigger-dependencies.js';
import { createVerifyAuthChallengeHandler } from '../functions/geo-triggers/handlers/verify-auth-challenge.js';
import { codeSender } from '../functions/geo-triggers/wiring/code-sender.js';
import { withStoresAndGroups } from '../functions/geo-triggers/wiring/stores-and-groups.js';

export interface SignInTriggerHandlers {
  preAuthentication: TriggerHandler;
  defineAuthChallenge: TriggerHandler;
  createAuthChallenge: TriggerHandler;
  verifyAuthChallenge: TriggerHandler;
  preTokenGeneration: TriggerHandler;
}

/** Every part of the functions' composition root: here one process runs all five triggers. */
const triggerDependencies = containerDependencies(
  (env): TriggerDependencies => ({ ...withStoresAndGroups(env), codeSender: codeSender(env) }),
);

/**
 * The real trigger handlers, built from the functions' own composition root (policy, key and
 * stores from the environment), with the clock given: time in local runs and tests is injected.
 */
export function localTriggers(clock?: Clock): SignInTriggerHandlers {
  const dependencies = async () => {
    const deps = await triggerDependencies();
    return clock ? { ...deps, clock } : deps;
  };
  return {
    preAuthentication: createPreAuthenticationHandler(dependencies),
    defineAuthChallenge: createDefineAuthChallengeHandler(dependencies),
    createAuthChallenge: createCreateAuthChallengeHandler(dependencies),
    verifyAuthChallenge: createVerifyAuthChallengeHandler(dependencies),
    preTokenGeneration: createPreTokenGenerationHandler(dependencies),
  };
}
