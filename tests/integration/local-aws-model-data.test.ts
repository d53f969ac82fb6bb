// The local AWS's model dump (`/moto-api/data.json`, where tests read the codes SES "sent") must
// answer while other tests change the emulator: moto checked each attribute, then dumped them
// all, and a pool that gained its first user in between broke the dump (decision 0044).
import {
  AdminCreateUserCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { localWarden } from './local-aws.js';

let cognito: CognitoIdentityProviderClient;
let endpoint: string;

beforeAll(async () => {
  const warden = await localWarden();
  cognito = warden.cognito;
  endpoint = warden.emulator.endpoint;
});

async function poolsGainingUsers(pools: number) {
  for (let p = 0; p < pools; p++) {
    const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: `dump-${p}` }));
    const UserPoolId = pool.UserPool?.Id as string;
    await cognito.send(
      new AdminCreateUserCommand({ UserPoolId, Username: 'first', MessageAction: 'SUPPRESS' }),
    );
  }
}

describe('the model dump of the local AWS', () => {
  it('answers with JSON while pools gain their first users', async () => {
    let changing = true;
    const changes = Promise.all([poolsGainingUsers(40), poolsGainingUsers(40)]).finally(() => {
      changing = false;
    });
    const statuses: number[] = [];
    while (changing) {
      const answer = await fetch(`${endpoint}/moto-api/data.json`);
      statuses.push(answer.status);
      if (answer.ok) await answer.json();
      else await answer.text();
    }
    await changes;
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
