import { expect } from 'vitest';
import { InvalidInputError } from '../../../functions/core/shared/errors.js';

/** Stands for everything after parsing: reaching it means the input was accepted. */
export class Reached extends Error {}
export const reached = () => Promise.reject(new Reached());

/** What a handler whose dependencies are `reached` did with an event: refused it (and how), or accepted it. */
export async function outcomeOf(
  handler: (raw: unknown) => Promise<unknown>,
  event: unknown,
): Promise<{ accepted: true } | { accepted: false; problems: string[] }> {
  try {
    await handler(event);
  } catch (error) {
    if (error instanceof Reached) return { accepted: true };
    // Anything but the parser's own refusal fails the property.
    if (!(error instanceof InvalidInputError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    return { accepted: false, problems: error.problems };
  }
  throw new Error('the handler answered without building its dependencies');
}
