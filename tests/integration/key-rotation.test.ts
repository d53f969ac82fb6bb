import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { beforeAll, describe, expect, it } from 'vitest';
import { secretsClient } from '../../functions/aws/clients/secrets-manager.js';
import { KEY_REFRESH_MS, secretsKeyRing } from '../../functions/aws/secrets-key-ring.js';
import { SecretsRotatingSecret } from '../../functions/aws/secrets-rotating-secret.js';
import {
  resolvedUser,
  signGeoContext,
  verifyGeoContext,
} from '../../functions/core/geo/geo-context.js';
import type { KeySet } from '../../functions/core/geo/key-set.js';
import { createKeyRotationHandler } from '../../functions/key-rotation/create-handler.js';
import { FixedClock } from '../unit/fakes/memory-services.js';
import { localWarden } from './local-aws.js';

const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
let secretId: string;
let fresh = 0;
const rotate = createKeyRotationHandler(
  (id) => new SecretsRotatingSecret(secretsClient(), id),
  () => `fresh-key-material-${++fresh}-${'x'.repeat(40)}`,
);

/** One rotation as Secrets Manager runs it: the four steps with one version token. */
async function rotation(token: string) {
  for (const Step of STEPS) await rotate({ SecretId: secretId, ClientRequestToken: token, Step });
}

const CLIENT = 'gateway-client';
const contextSignedWith = (keys: KeySet, now: Date) =>
  signGeoContext(
    { ip: '189.203.0.1', country: 'MX', username: 'ana', clientId: CLIENT },
    keys.signing,
    now,
  );
const verifies = (token: string, keys: KeySet, now: Date) =>
  verifyGeoContext(token, keys, now, resolvedUser('ana', CLIENT)).ok;

beforeAll(async () => {
  await localWarden();
  secretId = `geo-key-${Date.now()}`;
  // As the stack first generates it: one random string.
  await secretsClient().send(
    new CreateSecretCommand({ Name: secretId, SecretString: 'g'.repeat(64) }),
  );
});

describe('rotating the geo-context keys', () => {
  it('never breaks a sign-in in flight, whichever side of a rotation each container read', async () => {
    const clock = new FixedClock(new Date('2026-11-30T12:00:00Z'));
    const gatewayRing = secretsKeyRing(secretsClient(), secretId, clock);
    const triggerRing = secretsKeyRing(secretsClient(), secretId, clock);
    const before = await gatewayRing();

    // The first rotation publishes a next key and keeps signing with the first.
    await rotation('00000000-0000-4000-8000-000000000001');
    // Two rotations later, the key the gateway signed with at the start is still accepted.
    await rotation('00000000-0000-4000-8000-000000000002');
    // A minute later: the gateway still signs with the keys it cached; the triggers read anew.
    clock.current = new Date(clock.current.getTime() + 60_000);
    expect((await gatewayRing()).signing.id).toBe(before.signing.id);
    const staleGatewayContext = contextSignedWith(before, clock.now());
    const after = await triggerRing();
    expect(after.signing.id).not.toBe(before.signing.id);
    expect(verifies(staleGatewayContext, after, clock.now())).toBe(true);

    // A gateway that already read the newest keys signs with a key that triggers which read the
    // keys one rotation earlier already know, as the published next key.
    const oneRotationEarlier = after;
    await rotation('00000000-0000-4000-8000-000000000004');
    clock.current = new Date(clock.current.getTime() + KEY_REFRESH_MS);
    const newest = await gatewayRing();
    expect(newest.signing.id).not.toBe(oneRotationEarlier.signing.id);
    expect(verifies(contextSignedWith(newest, clock.now()), oneRotationEarlier, clock.now())).toBe(
      true,
    );
  });

  it('is safe to run again: a step repeated by Secrets Manager changes nothing more', async () => {
    const token = '00000000-0000-4000-8000-000000000003';
    await rotation(token);
    const once = await new SecretsRotatingSecret(secretsClient(), secretId).current();
    await rotation(token);
    expect(await new SecretsRotatingSecret(secretsClient(), secretId).current()).toBe(once);
  });
});
