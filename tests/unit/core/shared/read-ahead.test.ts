import { describe, expect, it } from 'vitest';
import { readAhead } from '../../../../functions/core/shared/read-ahead.js';

/** Lets every pending callback of the event loop run once. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Yields 1..count, one per turn of the event loop; says how far it got and whether it closed. */
function slowSource(count: number, failAt?: number) {
  const seen = { yielded: 0, closed: false };
  async function* source() {
    try {
      for (let n = 1; n <= count; n++) {
        await turn();
        if (n === failAt) throw new Error(`source failed at ${n}`);
        seen.yielded = n;
        yield n;
      }
    } finally {
      seen.closed = true;
    }
  }
  return { source: source(), seen };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('reading ahead', () => {
  it('reads the source before anyone asks, and gives every item once, in order', async () => {
    const { source, seen } = slowSource(5);
    const ahead = readAhead(source);
    for (let i = 0; i < 10; i++) await turn();
    expect(seen).toEqual({ yielded: 5, closed: true });
    expect(await collect(ahead.items)).toEqual([1, 2, 3, 4, 5]);
  });

  it('hands over items as they arrive to a reader that waits for them', async () => {
    const { source } = slowSource(4);
    expect(await collect(readAhead(source).items)).toEqual([1, 2, 3, 4]);
  });

  it("gives the source's error after the items read before it", async () => {
    const { source } = slowSource(5, 3);
    const read: number[] = [];
    const reading = (async () => {
      for await (const n of readAhead(source).items) read.push(n);
    })();
    await expect(reading).rejects.toThrow('source failed at 3');
    expect(read).toEqual([1, 2]);
  });

  it('stops reading when told, and then fails a reader instead of ending short', async () => {
    const { source, seen } = slowSource(100);
    const ahead = readAhead(source);
    await turn();
    await turn();
    ahead.stop();
    for (let i = 0; i < 10; i++) await turn();
    expect(seen.closed).toBe(true);
    expect(seen.yielded).toBeLessThan(5);
    await expect(collect(ahead.items)).rejects.toThrow(
      'the read-ahead was stopped before its source ended',
    );
  });

  it('keeps a source that already ended whole when stopped after', async () => {
    const { source } = slowSource(2);
    const ahead = readAhead(source);
    for (let i = 0; i < 5; i++) await turn();
    ahead.stop();
    expect(await collect(ahead.items)).toEqual([1, 2]);
  });
});
