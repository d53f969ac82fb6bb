import { cognitoClient } from '../../aws/clients/cognito.js';
import { CognitoGroupReader } from '../../aws/cognito-group-reader.js';
import { containerDependencies, type TriggerEnvironment } from '../dependencies.js';
import type { TriggerDependencies } from '../handlers/trigger-dependencies.js';
import { withStores } from './stores.js';

/** Define-auth-challenge and pre-token generation: the stores, and the person's Cognito groups. */
export function withStoresAndGroups(
  env: TriggerEnvironment,
): Omit<TriggerDependencies, 'codeSender'> {
  return { ...withStores(env), groups: new CognitoGroupReader(cognitoClient()) };
}

export const dependencies = containerDependencies(withStoresAndGroups);
