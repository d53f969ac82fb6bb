import { z } from 'zod';
import { reconcileEventSchema } from '../reconcile/reconcile-event.js';

const runId = z.string().min(1).max(100);

/** What the state machine passes each step of a run: the step's name and its input. */
export const stepEventSchema = z.discriminatedUnion('step', [
  /** One invocation or steps? The event is the one that started the execution. */
  z.strictObject({ step: z.literal('route'), event: reconcileEventSchema }),
  z.strictObject({ step: z.literal('begin'), event: reconcileEventSchema }),
  /** List the pools of one quota group, from the last checkpoint, within a page budget. */
  z.strictObject({ step: z.literal('list'), runId, group: z.number().int().nonnegative() }),
  z.strictObject({ step: z.literal('plan'), runId }),
  z.strictObject({ step: z.literal('apply'), runId }),
  z.strictObject({ step: z.literal('finish'), runId }),
  /** A step failed for good; `error` is what Step Functions caught. */
  z.strictObject({
    step: z.literal('fail'),
    runId: runId.optional(),
    error: z.looseObject({ Error: z.string().max(200).default('Error') }),
  }),
]);
export type StepEvent = z.input<typeof stepEventSchema>;
