import { ConfigError } from '../../../../functions/core/shared/errors.js';

/** The problems a configuration is refused with; throws when `parse` accepts it. */
export function problemsOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}
