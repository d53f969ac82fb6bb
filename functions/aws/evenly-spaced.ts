/**
 * Lets callers through at `1000 / intervalMs` per second, the others wait their turn. With a
 * burst of one, one caller every `intervalMs`; with a larger burst, that many may leave at once,
 * and never more than `burst` in any span of `burst × intervalMs`, so the rate over such a span
 * stays the same. Slots follow a fixed grid, so a late timer does not lower the rate. Timed by
 * the monotonic clock: a wall clock stepped back (an NTP correction) would otherwise hold every
 * caller for as long as the step.
 */
export function evenlySpaced(intervalMs: number, burst = 1): () => Promise<void> {
  const spanMs = burst * intervalMs;
  // The last `burst` slots given, oldest first (slots never decrease).
  const given: number[] = [];
  return () => {
    const now = performance.now();
    const oldest = given.length < burst ? Number.NEGATIVE_INFINITY : (given.shift() as number);
    const slot = Math.max(now, oldest + spanMs);
    given.push(slot);
    return slot > now
      ? new Promise((resolve) => setTimeout(resolve, slot - now))
      : Promise.resolve();
  };
}
