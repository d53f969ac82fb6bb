import { describe, expect, it } from 'vitest';
import { randomRunIds } from '../../../functions/aws/system.js';

describe('run ids', () => {
  it('sort by the time the run started', () => {
    const earlier = randomRunIds.runId(new Date('2026-11-29T17:01:02.345Z'));
    const later = randomRunIds.runId(new Date('2026-11-29T17:01:02.346Z'));
    expect(earlier).toMatch(/^r-20261129T170102345Z-[0-9a-f]{8}$/);
    expect(earlier < later).toBe(true);
  });

  it('differ for runs started in the same millisecond', () => {
    const now = new Date('2026-11-29T17:01:02.345Z');
    expect(randomRunIds.runId(now)).not.toBe(randomRunIds.runId(now));
  });
});
