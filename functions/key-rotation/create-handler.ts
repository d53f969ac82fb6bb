import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { type RotatingSecret, rotateKeysStep } from '../core/geo/key-rotation.js';
import { parseOrThrow } from '../core/shared/validation.js';

/** The event Secrets Manager invokes a rotation function with, once per step. */
const rotationEventSchema = z.looseObject({
  SecretId: z.string().check(z.minLength(1)),
  ClientRequestToken: z.string().check(z.minLength(1)),
  Step: z.enum(['createSecret', 'setSecret', 'testSecret', 'finishSecret']),
});

/** 48 random bytes, URL-safe: the material of one key. */
export const freshKeyMaterial = (): string => randomBytes(48).toString('base64url');

/** Rotates the geo-context keys: promote the published next key, publish a new one. */
export function createKeyRotationHandler(
  secretOf: (secretId: string) => RotatingSecret,
  freshKey: () => string = freshKeyMaterial,
) {
  return async (raw: unknown): Promise<void> => {
    const event = parseOrThrow(rotationEventSchema, raw, 'rotation event');
    await rotateKeysStep(event.Step, event.ClientRequestToken, secretOf(event.SecretId), freshKey);
  };
}
