import { sesClient } from '../../aws/clients/sesv2.js';
import { SesCodeSender } from '../../aws/ses-code-sender.js';
import { containerDependencies, settings, type TriggerEnvironment } from '../dependencies.js';
import type { CreateAuthChallengeDependencies } from '../handlers/create-auth-challenge.js';
import { keyRing } from './key-ring.js';

/** The one-time code sender, from SES: only create-auth-challenge sends email. */
export function codeSender(env: TriggerEnvironment): CreateAuthChallengeDependencies['codeSender'] {
  return env.codeSender ? new SesCodeSender(sesClient(), env.codeSender) : undefined;
}

export const dependencies = containerDependencies(
  (env): CreateAuthChallengeDependencies => ({
    ...settings(env),
    ...keyRing(env),
    codeSender: codeSender(env),
  }),
);
