import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evenlySpaced } from '../../../functions/aws/evenly-spaced.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('evenly spaced turns', () => {
  it('let one caller through per interval; the others wait their turn, in order', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const take = evenlySpaced(100);
    const passed: number[] = [];
    const turns = [1, 2, 3].map((n) => take().then(() => passed.push(n)));
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toEqual([1]);
    await vi.advanceTimersByTimeAsync(99);
    expect(passed).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(passed).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(100);
    expect(passed).toEqual([1, 2, 3]);
    await Promise.all(turns);
  });

  it('let a caller through at once after a quiet spell, without a burst after it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const take = evenlySpaced(100);
    await take();
    await vi.advanceTimersByTimeAsync(1_000);
    const passed: number[] = [];
    const turns = [1, 2].map((n) => take().then(() => passed.push(n)));
    await vi.advanceTimersByTimeAsync(0);
    expect(passed).toEqual([1]);
    await vi.advanceTimersByTimeAsync(100);
    expect(passed).toEqual([1, 2]);
    await Promise.all(turns);
  });

  it('with a burst, let that many through at once and never more in any span of burst intervals', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const take = evenlySpaced(100, 3);
    const passedAt: number[] = [];
    const turns = Array.from({ length: 7 }, () =>
      take().then(() => passedAt.push(performance.now())),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(turns);
    expect(passedAt).toEqual([0, 0, 0, 300, 300, 300, 600]);
  });

  describe('when the process pauses', () => {
    // A pause: the clock moves on while no timer can fire; they fire late, together, after it.
    let now = 0;
    const pause = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(0);
      now += ms;
      await vi.advanceTimersByTimeAsync(ms);
    };
    const wait = async (ms: number) => {
      for (let i = 0; i < ms; i++) await pause(1);
    };
    const takeFour = (take: () => Promise<void>) => {
      const passedAt: number[] = [];
      const turns = Promise.all([1, 2, 3, 4].map(() => take().then(() => passedAt.push(now))));
      return { passedAt, turns };
    };

    beforeEach(() => {
      now = 0;
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      vi.spyOn(performance, 'now').mockImplementation(() => now);
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('let the callers that waited through it leave an interval apart again, not together', async () => {
      const { passedAt, turns } = takeFour(evenlySpaced(100));
      await wait(1);
      await pause(250);
      // The grid catches up by a quarter of an interval: the next slot is 251 - 25 + 100.
      expect(passedAt).toEqual([0, 251]);
      await wait(74);
      expect(passedAt).toEqual([0, 251]);
      await wait(1);
      expect(passedAt).toEqual([0, 251, 326]);
      await wait(100);
      expect(passedAt).toEqual([0, 251, 326, 426]);
      await turns;
    });

    it('keep to the grid after a short pause, so a late timer does not lower the rate', async () => {
      const { passedAt, turns } = takeFour(evenlySpaced(100));
      await wait(90);
      await pause(35);
      expect(passedAt).toEqual([0, 125]);
      await wait(75);
      expect(passedAt).toEqual([0, 125, 200]);
      await wait(100);
      expect(passedAt).toEqual([0, 125, 200, 300]);
      await turns;
    });
  });
});
