import { describe, expect, it } from 'vitest';
import {
  type RotatingSecret,
  rotateKeysStep,
} from '../../../../functions/core/geo/key-rotation.js';
import { WardenError } from '../../../../functions/core/shared/errors.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const FRESH = 'f'.repeat(40);
const VERSION = 'v-2';

/** The secret's versions in memory, recording every write. */
function secretHolding(current: string, pending?: string) {
  const versions = new Map<string, string>(pending ? [[VERSION, pending]] : []);
  const writes: string[] = [];
  const secret: RotatingSecret = {
    current: () => Promise.resolve(current),
    pending: (versionId) => Promise.resolve(versions.get(versionId)),
    putPending: (versionId, value) => {
      writes.push(`put ${versionId}`);
      versions.set(versionId, value);
      return Promise.resolve();
    },
    promote: (versionId) => {
      writes.push(`promote ${versionId}`);
      return Promise.resolve();
    },
  };
  return { secret, versions, writes };
}

const step = (name: Parameters<typeof rotateKeysStep>[0], secret: RotatingSecret) =>
  rotateKeysStep(name, VERSION, secret, () => FRESH);

describe('a rotation of the geo-context keys', () => {
  it('creates a pending version that publishes a fresh next key, once however often it runs', async () => {
    const s = secretHolding(A);
    await step('createSecret', s.secret);
    await step('createSecret', s.secret);
    expect(s.writes).toEqual([`put ${VERSION}`]);
    expect(JSON.parse(s.versions.get(VERSION) ?? '')).toEqual({ current: A, next: FRESH });
  });

  it('keeps a pending version a retried create finds', async () => {
    const s = secretHolding(A, JSON.stringify({ current: A, next: B }));
    await step('createSecret', s.secret);
    expect(s.writes).toEqual([]);
    expect(JSON.parse(s.versions.get(VERSION) ?? '')).toEqual({ current: A, next: B });
  });

  it('passes the test when the pending keys still accept the key in use, changing nothing', async () => {
    const s = secretHolding(A, JSON.stringify({ previous: A, current: B, next: FRESH }));
    await expect(step('testSecret', s.secret)).resolves.toBeUndefined();
    expect(s.writes).toEqual([]);
  });

  it('fails the test when there is no pending version', async () => {
    const s = secretHolding(A);
    await expect(step('testSecret', s.secret)).rejects.toThrow(
      new WardenError(`no pending version ${VERSION} to test`),
    );
  });

  it('fails the test when the pending keys would drop the key in use', async () => {
    const s = secretHolding(A, JSON.stringify({ current: B }));
    await expect(step('testSecret', s.secret)).rejects.toThrow(
      'the pending keys would not accept the key in use: contexts in flight would break',
    );
    expect(s.writes).toEqual([]);
  });

  it('promotes the pending version to finish', async () => {
    const s = secretHolding(A, JSON.stringify({ current: A, next: B }));
    await step('finishSecret', s.secret);
    expect(s.writes).toEqual([`promote ${VERSION}`]);
  });

  it('has nothing to set: the keys live only in the secret', async () => {
    const s = secretHolding(A);
    await step('setSecret', s.secret);
    expect(s.writes).toEqual([]);
  });
});
