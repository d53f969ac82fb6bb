import { afterEach, describe, expect, it, vi } from 'vitest';
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
});
