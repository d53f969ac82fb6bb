import { z } from 'zod';
import type { SignInDecisionEntry } from '../geo/ports.js';
import type { Clock } from '../shared/clock.js';
import { parseOrThrow } from '../shared/validation.js';
import type { SignInHistory } from './ports.js';

export const SIGN_IN_OUTCOMES = [
  'allowed',
  'step_up_required',
  'step_up_passed',
  'step_up_failed',
  'password_failed',
  'refreshed',
  'denied',
] as const;

export const signInsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().min(1).max(400).optional(),
  /** ISO 3166-1 alpha-2, or `unknown` for decisions whose country was not known. */
  country: z
    .string()
    .trim()
    .regex(/^([A-Za-z]{2}|unknown)$/, 'must be a two-letter country code or "unknown"')
    .transform((c) => (c === 'unknown' ? c : c.toUpperCase()))
    .optional(),
  rule: z.string().trim().min(1).max(200).optional(),
  outcome: z.enum(SIGN_IN_OUTCOMES).optional(),
  days: z.coerce.number().int().min(1).max(400).default(30),
});
export type SignInsQueryInput = z.input<typeof signInsQuerySchema>;

/** A sign-in decision as the console lists it; the address stays in the store. */
export type SignInRow = Omit<SignInDecisionEntry, 'at' | 'ip'> & { at: string };

export interface SignInsPage {
  decisions: SignInRow[];
  next: string | null;
}

/** Recent geo decisions across everyone, newest first, filtered by country, rule and outcome. */
export async function recentSignIns(
  input: SignInsQueryInput,
  deps: { signIns: SignInHistory; clock: Clock },
): Promise<SignInsPage> {
  const query = parseOrThrow(signInsQuerySchema, input, 'sign-ins query');
  const page = await deps.signIns.recent(query, deps.clock.now());
  return {
    decisions: page.decisions.map(({ ip: _ip, at, ...d }) => ({ ...d, at: at.toISOString() })),
    next: page.next ?? null,
  };
}
