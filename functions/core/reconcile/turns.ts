// Turns for writes that must not overlap, and gathering what waits for a turn into one write.

/** Runs the functions given to it one after another, in the order they were given. */
export function oneAtATime(): <T>(fn: () => Promise<T>) => Promise<T> {
  let lane: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const result = lane.then(fn);
    lane = result.catch(() => undefined);
    return result;
  };
}

/**
 * Gathers what arrives while `inTurn` is busy and hands it to `write` in one go at the next
 * turn; each caller's promise settles with that write.
 */
export function together<T>(
  inTurn: <R>(fn: () => Promise<R>) => Promise<R>,
  write: (batch: T[]) => Promise<void>,
): (item: T) => Promise<void> {
  let waiting: T[] = [];
  let turn: Promise<void> | undefined;
  return (item) => {
    waiting.push(item);
    turn ??= inTurn(() => {
      const batch = waiting;
      waiting = [];
      turn = undefined;
      return write(batch);
    });
    return turn;
  };
}
