import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from '../core/shared/clock.js';

export const systemClock: Clock = { now: () => new Date() };

/** `r-20261129T170102345Z-1a2b3c4d`: sorts by start time (ms), unique by the random tail. */
export const randomRunIds: IdGenerator = {
  runId: (now) => `r-${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`,
};
