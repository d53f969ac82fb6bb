import { describe, expect, it } from 'vitest';
import { oneAtATime, together } from '../../../../functions/core/reconcile/turns.js';

/** A promise the test settles when it chooses. */
function held() {
  let release: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe('turns', () => {
  it('runs one function at a time, in the order given, even after one fails', async () => {
    const inTurn = oneAtATime();
    const order: string[] = [];
    const first = held();
    const a = inTurn(async () => {
      await first.promise;
      order.push('a');
      throw new Error('a failed');
    });
    const b = inTurn(() => {
      order.push('b');
      return Promise.resolve();
    });
    first.release();
    await expect(a).rejects.toThrow('a failed');
    await b;
    expect(order).toEqual(['a', 'b']);
  });

  it('writes together what arrived while another write had its turn', async () => {
    const inTurn = oneAtATime();
    const batches: string[][] = [];
    const busy = held();
    const record = together<string>(inTurn, async (batch) => {
      batches.push(batch);
      if (batches.length === 1) await busy.promise;
    });
    const first = record('ben');
    await Promise.resolve();
    const later = [record('cruz'), record('dana')];
    busy.release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([['ben'], ['cruz', 'dana']]);
  });

  it('fails every caller of a write that failed, and writes the next ones anew', async () => {
    const inTurn = oneAtATime();
    let calls = 0;
    const record = together<string>(inTurn, () => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('throttled')) : Promise.resolve();
    });
    const failed = [record('ben'), record('cruz')];
    await expect(Promise.all(failed)).rejects.toThrow('throttled');
    await expect(failed[1]).rejects.toThrow('throttled');
    await expect(record('dana')).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
