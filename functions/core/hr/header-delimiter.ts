import { parse } from 'csv-parse/sync';

/** Delimiters HR exports use: comma, semicolon (locales with a decimal comma), tab, pipe. */
const CANDIDATES = [',', ';', '\t', '|'] as const;
const HEAD_CHARS = 64 * 1024;

export function delimiterName(delimiter: string): string {
  const names: Record<string, string> = {
    ',': 'comma',
    ';': 'semicolon',
    '\t': 'tab',
    '|': 'pipe',
  };
  return names[delimiter] ?? `"${delimiter}"`;
}

/**
 * The delimiter the header row is written with: the candidate that splits it into the most
 * columns (comma on a tie). csv-parse's own `delimiter_auto` scores every character of the
 * whole file and does not say what it chose; Warden reads only the header and tells the user.
 */
export function headerDelimiter(text: string): string {
  let best: { delimiter: string; columns: number } = { delimiter: ',', columns: 1 };
  for (const delimiter of CANDIDATES) {
    const columns = headerColumns(text, delimiter);
    if (columns > best.columns) best = { delimiter, columns };
  }
  return best.delimiter;
}

/** How many columns the first record has when split by `delimiter`; 0 when it cannot be read. */
export function headerColumns(text: string, delimiter: string): number {
  try {
    // The header is at the top; there is no need to scan a million rows for it.
    const [first] = parse(text.slice(0, HEAD_CHARS), {
      bom: true,
      delimiter,
      to: 1,
      relax_quotes: true,
    }) as string[][];
    return first?.length ?? 0;
  } catch {
    return 0;
  }
}
