/** An iterable being read before anyone asks: `items` gives what it read, then the rest. */
export interface ReadAhead<T> {
  /** Everything the source yields, once, in order; its error, where it failed, at that point. */
  readonly items: AsyncIterable<T>;
  /** Reads no further; reading `items` past what was read then fails, never ends short. */
  stop(): void;
}

/**
 * Starts pulling `source` at once into a buffer, so that slow reads (a rate-limited listing)
 * proceed while the caller does other work. The buffer is unbounded: the caller reads it all.
 */
export function readAhead<T>(source: AsyncIterable<T>): ReadAhead<T> {
  let buffer: T[] = [];
  let outcome: { done: true } | { error: unknown } | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  const settle = (value: typeof outcome) => {
    outcome ??= value;
    wake?.();
  };

  void (async () => {
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        buffer.push(next.value);
        wake?.();
        if (stopped) {
          await iterator.return?.();
          return;
        }
      }
      settle({ done: true });
    } catch (error) {
      settle({ error });
    }
  })();

  async function* items(): AsyncGenerator<T> {
    for (;;) {
      if (buffer.length > 0) {
        // Handed over and let go, so the buffer never holds what was read already.
        const taken = buffer;
        buffer = [];
        yield* taken;
      } else if (outcome && 'error' in outcome) throw outcome.error;
      else if (outcome) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  return {
    items: items(),
    stop: () => {
      stopped = true;
      settle({ error: new Error('the read-ahead was stopped before its source ended') });
    },
  };
}
