import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStepsHandler } from '../../../functions/reconcile-steps/create-handler.js';
import { hostile, namesField, notText, oneFieldWrong } from './mutations.js';
import { propertySuite } from './property-suite.js';
import { outcomeOf, reached } from './reached.js';

/**
 * The events the reconciliation state machine passes its Task function (route, begin, list, plan,
 * apply, finish, fail): whatever arrives is refused with an InvalidInputError that names the
 * field, before anything is built or touched, or it is a valid step event.
 */
const { checkAsync } = propertySuite('step-event-properties');

const steps = createStepsHandler(reached, { add() {}, flush() {} });

const runId = fc.string({ minLength: 1, maxLength: 100 });
const reconcileEvent = fc.record(
  {
    feed: fc.record({ key: fc.string({ minLength: 1 }) }),
    dryRun: fc.boolean(),
    trigger: fc.string({ maxLength: 100 }),
  },
  { requiredKeys: [] },
);
const RUN_STEPS = ['plan', 'apply', 'finish'] as const;
const stepEvent = fc.oneof(
  fc.record({ step: fc.constantFrom('route', 'begin'), event: reconcileEvent }),
  fc.record({ step: fc.constant('list'), runId, group: fc.nat() }),
  fc.record({ step: fc.constantFrom(...RUN_STEPS), runId }),
  fc.record(
    {
      step: fc.constant('fail'),
      runId,
      error: fc.record(
        { Error: fc.string({ maxLength: 200 }), Cause: fc.string() },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['step', 'error'] },
  ),
);

/** What an accepted event must be, written apart from the handler's schema. */
function isValidStepEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  const e = event as Record<string, unknown>;
  const keys = Object.keys(e).sort().join(',');
  const isRunId = (v: unknown) => typeof v === 'string' && v.length >= 1 && v.length <= 100;
  switch (e.step) {
    case 'route':
    case 'begin':
      return keys === 'event,step' && typeof e.event === 'object' && e.event !== null;
    case 'list':
      return (
        keys === 'group,runId,step' &&
        isRunId(e.runId) &&
        Number.isInteger(e.group) &&
        (e.group as number) >= 0
      );
    case 'plan':
    case 'apply':
    case 'finish':
      return keys === 'runId,step' && isRunId(e.runId);
    case 'fail': {
      const error = e.error as Record<string, unknown> | null;
      return (
        (keys === 'error,step' || keys === 'error,runId,step') &&
        (e.runId === undefined || isRunId(e.runId)) &&
        typeof error === 'object' &&
        error !== null &&
        (error.Error === undefined ||
          (typeof error.Error === 'string' && error.Error.length <= 200))
      );
    }
    default:
      return false;
  }
}

describe('reconcile step event properties', () => {
  it('any event: refused by its parser before anything is built, or a valid step event', async () => {
    await checkAsync(hostile(stepEvent), async (event) => {
      const outcome = await outcomeOf(steps, event);
      if (outcome.accepted) expect(isValidStepEvent(event)).toBe(true);
    });
  });

  it('every valid step event is accepted', async () => {
    await checkAsync(stepEvent, async (event) => {
      expect(await outcomeOf(steps, event)).toEqual({ accepted: true });
    });
  });

  it('a step event with one field broken, or a field added, is refused naming the field', async () => {
    const runIdWrong = fc.oneof(notText, fc.constant(''), fc.constant('r'.repeat(101)));
    const cases = fc.oneof(
      oneFieldWrong(fc.record({ step: fc.constant('list'), runId, group: fc.nat() }), [
        { path: ['runId'], wrong: fc.oneof(runIdWrong, fc.constant(undefined)) },
        {
          path: ['group'],
          wrong: fc.oneof(fc.constantFrom(-1, 1.5, '1', null, undefined), fc.integer({ max: -1 })),
        },
        { path: ['extra'], wrong: fc.jsonValue().filter((v) => v !== undefined) },
      ]),
      oneFieldWrong(fc.record({ step: fc.constantFrom(...RUN_STEPS), runId }), [
        { path: ['runId'], wrong: fc.oneof(runIdWrong, fc.constant(undefined)) },
        { path: ['group'], wrong: fc.nat() },
      ]),
      oneFieldWrong(fc.record({ step: fc.constantFrom('route', 'begin'), event: reconcileEvent }), [
        { path: ['event', 'dryRun'], wrong: fc.constantFrom('true', 1, null) },
        { path: ['event', 'trigger'], wrong: fc.oneof(notText, fc.constant('t'.repeat(101))) },
        { path: ['event', 'feed', 'key'], wrong: fc.oneof(notText, fc.constant('')) },
      ]),
      oneFieldWrong(fc.record({ step: fc.constant('fail'), runId, error: fc.constant({}) }), [
        { path: ['runId'], wrong: runIdWrong },
        { path: ['error', 'Error'], wrong: fc.oneof(notText, fc.constant('e'.repeat(201))) },
        {
          path: ['error'],
          wrong: fc.oneof(fc.string(), fc.integer(), fc.constantFrom(null, undefined, [])),
        },
      ]),
    );
    await checkAsync(cases, async ({ value, path }) => {
      const outcome = await outcomeOf(steps, value);
      expect(outcome.accepted).toBe(false);
      if (!outcome.accepted) expect(namesField(outcome.problems, path)).toBe(true);
    });
  });

  it('an unknown step is refused naming the step', async () => {
    const unknown = fc
      .oneof(fc.string(), notText)
      .filter(
        (s) => !['route', 'begin', 'list', 'plan', 'apply', 'finish', 'fail'].includes(s as string),
      );
    await checkAsync(fc.tuple(unknown, runId), async ([step, id]) => {
      const outcome = await outcomeOf(steps, { step, runId: id });
      expect(outcome.accepted).toBe(false);
      if (!outcome.accepted) expect(namesField(outcome.problems, ['step'])).toBe(true);
    });
  });
});
