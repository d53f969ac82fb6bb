import { z } from 'zod';

/** What each one-time schedule sends the executor (its target input). */
export const executorEventSchema = z.strictObject({
  offboardingId: z.string().regex(/^(ob|lv)-[0-9a-f]{24}$/, 'must be an offboarding id'),
});
export type ExecutorEvent = z.infer<typeof executorEventSchema>;

/** What the executor returns: the outcome, with ids and usernames only. */
export interface ExecutorResponse {
  offboardingId: string;
  status: string;
  accounts: { source: string; username: string; outcome: string | null }[];
}
