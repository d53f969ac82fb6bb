/**
 * Lets callers through at `1000 / intervalMs` per second, the others wait their turn, in order.
 * With a burst of one, one caller every `intervalMs`; with a larger burst, that many may leave at
 * once, and never more than `burst` in any span of `burst × intervalMs`, so the rate over such a
 * span stays the same.
 *
 * Slots follow a fixed grid, so a timer that fires a little late does not lower the rate. A turn
 * is given when its caller leaves, not when it asks: after a pause of the process (a long task, a
 * garbage collection) the callers that waited leave one slot apart again, not all at once, and
 * the grid catches up by at most a quarter of an interval. A burst after a pause would put more
 * calls into one second than the quota allows; the service would throttle them (decision 0052).
 *
 * Timed by the monotonic clock: a wall clock stepped back (an NTP correction) would otherwise
 * hold every caller for as long as the step.
 */
export function evenlySpaced(intervalMs: number, burst = 1): () => Promise<void> {
  const spanMs = burst * intervalMs;
  // With a burst of one, any second then holds fewer than `rate + 1.25` calls: at 0.95 of a
  // quota of 25 or more per second, at least one call under it (decision 0052).
  const catchUpMs = intervalMs / 4;
  // The last `burst` slots given, oldest first (slots never decrease).
  const given: number[] = [];
  const waiting: { askedAt: number; leave: () => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const letThrough = () => {
    timer = undefined;
    while (waiting.length > 0) {
      const now = performance.now();
      const due = given.length < burst ? now : (given[0] as number) + spanMs;
      if (due > now) {
        timer = setTimeout(letThrough, due - now);
        return;
      }
      const { askedAt, leave } = waiting.shift() as (typeof waiting)[number];
      if (given.length === burst) given.shift();
      // A caller that asked after its slot was due starts the grid afresh, from when it asked.
      given.push(Math.max(due, askedAt, now - catchUpMs));
      leave();
    }
  };

  return () =>
    new Promise<void>((resolve) => {
      waiting.push({ askedAt: performance.now(), leave: resolve });
      if (timer === undefined) letThrough();
    });
}
