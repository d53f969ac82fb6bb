import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from '../core/ports.js';

export const systemClock: Clock = { now: () => new Date() };

/** `r-20261129T170102Z-1a2b3c4d`: sorts by start time, unique by the random tail. */
export const randomRunIds: IdGenerator = {
  runId: (now) => `r-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}-${randomBytes(4).toString('hex')}`,
};
