import { secretsClient } from '../../aws/clients/secrets-manager.js';
import { secretsKeyRing } from '../../aws/secrets-key-ring.js';
import { systemClock } from '../../aws/system.js';
import type { TriggerEnvironment } from '../dependencies.js';
import type { TriggerDependencies } from '../handlers/trigger-dependencies.js';

/** The geo-context keys, from Secrets Manager: every trigger verifies or signs with them. */
export function keyRing(env: TriggerEnvironment): Pick<TriggerDependencies, 'keys'> {
  return { keys: secretsKeyRing(secretsClient(), env.geoKeySecret, systemClock) };
}
