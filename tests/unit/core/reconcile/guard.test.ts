import { describe, expect, it } from 'vitest';
import { evaluateGuard } from '../../../../functions/core/reconcile/guard.js';
import { config } from '../../fakes/builders.js';

const guard = config().guard;
const roster = (records: number) => ({ kind: 'roster' as const, records });
const baseline = (records: number) => ({
  kind: 'roster' as const,
  records,
  runId: 'run-0',
  acceptedAt: new Date(0),
});

describe('guard', () => {
  it('passes a plan within every limit', () => {
    const v = evaluateGuard({
      disableCount: 10,
      enabledCount: 100,
      feed: roster(100),
      baseline: baseline(100),
      config: guard,
    });
    expect(v).toMatchObject({ tripped: false, reasons: [], disablePercent: 10 });
  });

  it('trips above maxDisableCount (default 50), not at it', () => {
    expect(
      evaluateGuard({ disableCount: 50, enabledCount: 1000, feed: roster(1000), config: guard })
        .tripped,
    ).toBe(false);
    const v = evaluateGuard({
      disableCount: 51,
      enabledCount: 1000,
      feed: roster(1000),
      config: guard,
    });
    expect(v.tripped).toBe(true);
    expect(v.reasons).toEqual(['plan disables 51 accounts, more than maxDisableCount 50']);
  });

  it('trips above maxDisablePercent (default 20) of enabled accounts', () => {
    expect(
      evaluateGuard({ disableCount: 20, enabledCount: 100, feed: roster(100), config: guard })
        .tripped,
    ).toBe(false);
    const v = evaluateGuard({
      disableCount: 21,
      enabledCount: 100,
      feed: roster(100),
      config: guard,
    });
    expect(v.reasons).toEqual([
      'plan disables 21% of 100 enabled accounts, more than maxDisablePercent 20%',
    ]);
  });

  it('keeps a tenth of a percent: 20.5% trips a 20% limit', () => {
    const v = evaluateGuard({
      disableCount: 41,
      enabledCount: 200,
      feed: roster(200),
      config: { ...guard, maxDisableCount: 100 },
    });
    expect(v).toMatchObject({ tripped: true, disablePercent: 20.5 });
    expect(v.reasons).toEqual([
      'plan disables 20.5% of 200 enabled accounts, more than maxDisablePercent 20%',
    ]);
  });

  it('compares unrounded, and shows the decimals that tell a tripped rule from its limit', () => {
    const over = { ...guard, maxDisableCount: 10_000 };
    const v = evaluateGuard({
      disableCount: 1002,
      enabledCount: 5000,
      feed: roster(5000),
      config: over,
    });
    expect(v).toMatchObject({ tripped: true, disablePercent: 20.04 });
    expect(v.reasons).toEqual([
      'plan disables 20.04% of 5000 enabled accounts, more than maxDisablePercent 20%',
    ]);
    const none = { ...over, maxDisablePercent: 0 };
    const few = evaluateGuard({
      disableCount: 4,
      enabledCount: 10_000,
      feed: roster(10_000),
      config: none,
    });
    expect(few).toMatchObject({ tripped: true, disablePercent: 0.04 });
    // Exactly at the limit is within it, whatever binary fractions make of 3/15.
    const at = evaluateGuard({ disableCount: 3, enabledCount: 15, feed: roster(15), config: over });
    expect(at).toMatchObject({ tripped: false, disablePercent: 20 });
    const shrank = evaluateGuard({
      disableCount: 0,
      enabledCount: 5000,
      feed: roster(3998),
      baseline: baseline(5000),
      config: { ...over, maxRosterShrinkPercent: 20 },
    });
    expect(shrank.checks?.at(-1)).toMatchObject({ measured: 20.04, tripped: true });
  });

  it('trips when the roster shrank sharply since the last accepted feed', () => {
    const v = evaluateGuard({
      disableCount: 0,
      enabledCount: 100,
      feed: roster(80),
      baseline: baseline(100),
      config: guard,
    });
    expect(v.tripped).toBe(true);
    expect(v.reasons[0]).toMatch(
      /roster shrank by 20% \(100 -> 80 records\) since the feed accepted in run run-0/,
    );
    expect(
      evaluateGuard({
        disableCount: 0,
        enabledCount: 100,
        feed: roster(90),
        baseline: baseline(100),
        config: guard,
      }).tripped,
    ).toBe(false);
  });

  it('does not apply the shrink rule to a leavers-only feed', () => {
    const v = evaluateGuard({
      disableCount: 0,
      enabledCount: 100,
      feed: { kind: 'leavers', records: 1 },
      baseline: { ...baseline(100), kind: 'leavers' },
      config: guard,
    });
    expect(v.tripped).toBe(false);
  });

  it('reports every rule that tripped', () => {
    const v = evaluateGuard({
      disableCount: 300,
      enabledCount: 300,
      feed: roster(5),
      baseline: baseline(300),
      config: guard,
    });
    expect(v.reasons).toHaveLength(3);
  });
});

describe('the checks a guard reports', () => {
  const rule = (
    name: string,
    threshold: number,
    measured: number,
    unit: string,
    tripped: boolean,
  ) => ({ rule: name, threshold, measured, unit, tripped });

  it('lists every rule that applied with its limit and measure; a rule trips only above its limit', () => {
    const v = evaluateGuard({
      disableCount: 51,
      enabledCount: 255,
      feed: roster(90),
      baseline: baseline(100),
      config: guard,
    });
    expect(v.checks).toEqual([
      rule('maxDisableCount', 50, 51, 'accounts', true),
      rule('maxDisablePercent', 20, 20, 'percent', false),
      rule('maxRosterShrinkPercent', 10, 10, 'percent', false),
    ]);
    const within = evaluateGuard({
      disableCount: 1,
      enabledCount: 100,
      feed: roster(100),
      baseline: baseline(100),
      config: guard,
    });
    expect(within.checks?.map((c) => [c.measured, c.tripped])).toEqual([
      [1, false],
      [1, false],
      [0, false],
    ]);
  });

  it.each([
    [
      'a leavers list, which shrinks naturally',
      { kind: 'leavers' as const, records: 5 },
      baseline(100),
    ],
    ['a roster after a leavers list', roster(5), { ...baseline(100), kind: 'leavers' as const }],
    ['a roster after an empty one', roster(5), baseline(0)],
    ['a first roster', roster(5), undefined],
  ])('measures no shrink for %s', (_, feed, before) => {
    const v = evaluateGuard({
      disableCount: 0,
      enabledCount: 10,
      feed,
      baseline: before,
      config: guard,
    });
    expect(v.checks?.map((c) => c.rule)).toEqual(['maxDisableCount', 'maxDisablePercent']);
    expect(v.tripped).toBe(false);
  });

  it('measures 0% disabled of a directory with no enabled account', () => {
    const v = evaluateGuard({ disableCount: 0, enabledCount: 0, feed: roster(0), config: guard });
    expect([v.disablePercent, v.checks?.[1]?.measured, v.tripped]).toEqual([0, 0, false]);
  });
});
