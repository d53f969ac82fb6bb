/**
 * Lets one caller through every `intervalMs`, the others wait their turn. Slots follow a fixed
 * grid, so a late timer does not lower the rate. Timed by the monotonic clock: a wall clock
 * stepped back (an NTP correction) would otherwise hold every caller for as long as the step.
 */
export function evenlySpaced(intervalMs: number): () => Promise<void> {
  let nextSlot = Number.NEGATIVE_INFINITY;
  return () => {
    const now = performance.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + intervalMs;
    return slot > now
      ? new Promise((resolve) => setTimeout(resolve, slot - now))
      : Promise.resolve();
  };
}
