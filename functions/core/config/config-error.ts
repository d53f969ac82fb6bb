import type { z } from 'zod';

/** Invalid configuration: where it came from, and one line per bad field. */
export class ConfigError extends Error {
  constructor(
    readonly origin: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration in ${origin}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `input` with `schema`, or throws a ConfigError that names each bad field by its path. */
export function parseConfig<T extends z.ZodType>(
  schema: T,
  input: unknown,
  origin: string,
): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    origin,
    parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
  );
}
