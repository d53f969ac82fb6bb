import fc from 'fast-check';

/** A path into a JSON value, as zod reports it: keys and array indexes. */
export type Path = readonly (string | number)[];

/** A field of a valid value, and values that break its rule (a wrong type or a wrong value). */
export interface FieldRule {
  path: Path;
  wrong: fc.Arbitrary<unknown>;
}

/** Values of any type but text (a string field given one of these must be refused). */
export const notText = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
/** Values of any type but true or false. */
export const notBoolean = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.constantFrom('true', 'false', 0, 1),
);
/** Values of any type but a list. */
export const notList = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

/** A copy of `value` with the field at `path` set to `replacement` (removed when undefined). */
export function withField(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  // An optional section the valid value left out is created, to hold the broken field.
  for (const key of path.slice(0, -1)) {
    parent[key] ??= {};
    parent = parent[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** Every path inside a JSON value: each object key and array index, at every depth. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** A valid value with one field given a value that breaks its rule, and that field's path. */
export function oneFieldWrong<T>(
  valid: fc.Arbitrary<T>,
  fields: readonly FieldRule[],
): fc.Arbitrary<{ value: unknown; path: Path }> {
  return fc.tuple(valid, fc.constantFrom(...fields)).chain(([value, field]) =>
    field.wrong.map((wrong) => ({
      value: withField(value, field.path, wrong),
      path: field.path,
    })),
  );
}

/**
 * A value shaped like a real one with any one field, at any depth, swapped for any JSON value
 * or removed: input a parser must answer without crashing, whether it accepts it or not.
 */
export function anyFieldSwapped<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return valid.chain((value) => {
    const paths = pathsOf(value);
    if (paths.length === 0) return fc.constant<unknown>(value);
    return fc
      .tuple(fc.constantFrom(...paths), fc.oneof(fc.jsonValue(), fc.constant(undefined)))
      .map(([path, replacement]) => withField(value, path, replacement));
  });
}

/**
 * Outside input of every kind: any JSON value, or (twice as often, as it gets further into a
 * parser) a value shaped like a real one with a field swapped.
 */
export function hostile<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.jsonValue(), weight: 1 },
    { arbitrary: anyFieldSwapped(valid), weight: 2 },
  );
}

/**
 * True when one of a rejection's `path: message` lines names the field at `path`, a field inside
 * it, or (for a key that should not be there) the key as unrecognized.
 */
export function namesField(problems: readonly string[], path: Path): boolean {
  const field = path.join('.');
  const unrecognized = `"${String(path.at(-1))}"`;
  return problems.some(
    (p) =>
      p.startsWith(`${field}: `) ||
      p.startsWith(`${field}.`) ||
      (/Unrecognized keys?: /.test(p) && p.includes(unrecognized)),
  );
}
