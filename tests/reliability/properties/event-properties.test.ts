import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FENCE_SLOTS } from '../../../functions/core/geo/pool-fence.js';
import {
  feedOffboardingId,
  hrOffboardingId,
} from '../../../functions/core/offboarding/offboarding.js';
import { createExecutorHandler } from '../../../functions/offboarding-executor/create-handler.js';
import { executorEventSchema } from '../../../functions/offboarding-executor/executor-event.js';
import { createPoolFenceHandler } from '../../../functions/pool-fence/create-handler.js';
import { hostile, namesField, notList, notText, oneFieldWrong } from './mutations.js';
import { propertySuite } from './property-suite.js';
import { outcomeOf, reached } from './reached.js';

/**
 * The events of the offboarding executor (a schedule's input) and of the pool fence (a
 * CloudFormation custom-resource event): whatever arrives is refused with an InvalidInputError
 * that names the field, before anything is built or touched, or it is a valid event.
 */
const { checkAsync } = propertySuite('event-properties');

const OFFBOARDING_ID = /^(ob|lv)-[0-9a-f]{24}$/;
const offboardingIds = fc.oneof(
  fc.string().map(hrOffboardingId),
  fc.string().map(feedOffboardingId),
);

describe('offboarding executor event properties', () => {
  const handler = createExecutorHandler(reached);

  it('any event: refused by its parser before anything is built, or a valid offboarding id', async () => {
    await checkAsync(
      hostile(offboardingIds.map((offboardingId) => ({ offboardingId }))),
      async (event) => {
        const outcome = await outcomeOf(handler, event);
        if (outcome.accepted) {
          expect(Object.keys(event as object)).toEqual(['offboardingId']);
          expect((event as { offboardingId: string }).offboardingId).toMatch(OFFBOARDING_ID);
        }
      },
    );
  });

  it('a schedule input with its id broken, or a field added, is refused naming the field', async () => {
    const broken = oneFieldWrong(
      offboardingIds.map((offboardingId) => ({ offboardingId })),
      [
        {
          path: ['offboardingId'],
          wrong: fc.oneof(
            notText,
            fc.constant(undefined),
            offboardingIds.map((id) => id.toUpperCase()),
            offboardingIds.map((id) => `${id}0`),
            offboardingIds.map((id) => `xx${id.slice(2)}`),
          ),
        },
        { path: ['runId'], wrong: fc.jsonValue().filter((v) => v !== undefined) },
      ],
    );
    await checkAsync(broken, async ({ value, path }) => {
      const outcome = await outcomeOf(handler, value);
      expect(outcome.accepted).toBe(false);
      if (!outcome.accepted) expect(namesField(outcome.problems, path)).toBe(true);
    });
  });

  it('the input a schedule is created with reads back as the same offboarding id', async () => {
    await checkAsync(offboardingIds, async (offboardingId) => {
      // As EventBridge Scheduler delivers it: the JSON text of the target's Input, parsed.
      const input = JSON.parse(JSON.stringify({ offboardingId }));
      expect(await outcomeOf(handler, input)).toEqual({ accepted: true });
      expect(executorEventSchema.parse(input)).toEqual({ offboardingId });
    });
  });
});

const arn = fc
  .stringMatching(/^[a-z0-9-]{1,20}$/)
  .map((n) => `arn:aws:lambda:us-east-1:111122223333:function:${n}`);
const fenceEvent = fc.record({
  RequestType: fc.constantFrom('Create', 'Update', 'Delete'),
  ResponseURL: fc.webUrl(),
  StackId: fc.string(),
  RequestId: fc.uuid(),
  LogicalResourceId: fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
  PhysicalResourceId: fc.string(),
  ResourceProperties: fc.record({
    ServiceToken: arn,
    UserPoolId: fc.stringMatching(/^[a-z]{2}-[a-z]+-\d_[A-Za-z0-9]{1,9}$/),
    GatewayClientId: fc.stringMatching(/^[a-z0-9]{1,26}$/),
    Triggers: fc.record(Object.fromEntries(FENCE_SLOTS.map((slot) => [slot, arn]))),
    UnfencedClients: fc.array(fc.record({ clientId: fc.string(), reason: fc.string() }), {
      maxLength: 2,
    }),
  }),
});
const fenceRules = [
  { path: ['RequestType'], wrong: fc.oneof(notText, fc.constantFrom('create', 'Replace', '')) },
  { path: ['ResponseURL'], wrong: fc.oneof(notText, fc.constantFrom('', 'not a url', '/r')) },
  ...['StackId', 'RequestId', 'LogicalResourceId'].map((field) => ({
    path: [field],
    wrong: fc.oneof(notText, fc.constant(undefined)),
  })),
  {
    path: ['ResourceProperties'],
    wrong: fc.oneof(notText, fc.constant(undefined)),
  },
  ...['UserPoolId', 'GatewayClientId'].map((field) => ({
    path: ['ResourceProperties', field],
    wrong: fc.oneof(notText, fc.constant(''), fc.constant(undefined)),
  })),
  ...FENCE_SLOTS.map((slot) => ({
    path: ['ResourceProperties', 'Triggers', slot],
    wrong: fc.oneof(notText, fc.constant(undefined), fc.constantFrom('', 'my-function', 'ARN:x')),
  })),
  { path: ['ResourceProperties', 'Triggers', 'PostConfirmation'], wrong: arn },
  {
    path: ['ResourceProperties', 'UnfencedClients'],
    wrong: notList,
  },
  {
    path: ['ResourceProperties', 'UnfencedClients', 0],
    wrong: fc.oneof(
      notText,
      fc.constant({ clientId: 'c' }),
      fc.constant({ clientId: 'c', reason: 'r', x: 1 }),
    ),
  },
];

describe('pool fence event properties', () => {
  // CloudFormation's answers to refused events are checked in the pool fence's own tests.
  const handler = createPoolFenceHandler(reached, () => Promise.resolve());

  it('any event: refused by its parser before anything is built, or a valid custom-resource event', async () => {
    await checkAsync(hostile(fenceEvent), async (event) => {
      const outcome = await outcomeOf(handler, event);
      if (!outcome.accepted) return;
      const e = event as Record<string, Record<string, unknown>>;
      expect(['Create', 'Update', 'Delete']).toContain(e.RequestType);
      expect(() => new URL(e.ResponseURL as unknown as string)).not.toThrow();
      const props = e.ResourceProperties as Record<string, unknown>;
      expect(typeof props.UserPoolId === 'string' && props.UserPoolId.length > 0).toBe(true);
      const triggers = props.Triggers as Record<string, unknown>;
      expect(Object.keys(triggers).sort()).toEqual([...FENCE_SLOTS].sort());
      for (const target of Object.values(triggers))
        expect(String(target).startsWith('arn:')).toBe(true);
    });
  });

  it('a custom-resource event with one field broken is refused naming the field', async () => {
    const broken = fenceEvent.chain((event) =>
      oneFieldWrong(
        fc.constant(event),
        fenceRules.filter(
          (rule) => rule.path.at(-1) !== 0 || event.ResourceProperties.UnfencedClients.length > 0,
        ),
      ),
    );
    await checkAsync(broken, async ({ value, path }) => {
      const outcome = await outcomeOf(handler, value);
      expect(outcome.accepted).toBe(false);
      if (!outcome.accepted) expect(namesField(outcome.problems, path)).toBe(true);
    });
  });
});
