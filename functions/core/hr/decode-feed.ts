import type { FeedProblem } from './hr-record.js';
import { repairWindows1252 } from './windows-1252.js';

export type Decoded =
  | { ok: true; text: string; note?: string }
  | { ok: false; problem: FeedProblem };

/** True for an encoding label the platform's TextDecoder knows (`windows-1252`, `latin1`, ...). */
export function isKnownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/**
 * The feed's text. Without a declared encoding it must be UTF-8: a file that is not is refused,
 * naming the first line that is not and the encoding it most likely is, because decoding it
 * anyway would turn names into replacement characters and silently break email matching.
 */
export function decodeFeed(bytes: Uint8Array, encoding?: string): Decoded {
  if (encoding !== undefined && !isKnownEncoding(encoding)) {
    return {
      ok: false,
      problem: {
        location: null,
        field: 'encoding',
        reason: `"${encoding}" is not a known encoding`,
      },
    };
  }
  const decoder = new TextDecoder(encoding ?? 'utf-8', { fatal: true });
  try {
    const decoded = decoder.decode(bytes);
    const text = decoder.encoding === 'windows-1252' ? repairWindows1252(decoded) : decoded;
    if (decoder.encoding === 'utf-8' || !isUtf8WithNonAscii(bytes)) return { ok: true, text };
    return {
      ok: true,
      text,
      note: `the file is valid UTF-8 but was read as ${decoder.encoding}, as declared: check the encoding if names look wrong`,
    };
  } catch {
    const line = decoder.encoding === 'utf-8' ? firstBadUtf8Line(bytes) : undefined;
    const guess = likelyEncoding(bytes);
    const declared = encoding
      ? `not valid ${decoder.encoding}, as declared`
      : 'not valid UTF-8, and no encoding is declared';
    return {
      ok: false,
      problem: {
        location: line === undefined ? null : String(line),
        field: 'encoding',
        reason: `${declared}${line === undefined ? '' : ' (this is the first line that is not)'}; the file looks like ${guess}: read it with --encoding ${guess} (or feed.encoding "${guess}")`,
      },
    };
  }
}

const NEWLINE = 0x0a;

function isUtf8WithNonAscii(bytes: Uint8Array): boolean {
  if (!bytes.some((byte) => byte > 0x7f)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes line by line, so the message can point at a line without showing its content. */
function firstBadUtf8Line(bytes: Uint8Array): number | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const end = bytes.indexOf(NEWLINE, start);
    const stop = end === -1 ? bytes.length : end;
    try {
      decoder.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    if (end === -1) return undefined;
    start = end + 1;
  }
  return undefined;
}

/** UTF-16 shows itself by its byte-order mark or its zero bytes; otherwise a Western 8-bit file. */
function likelyEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = bytes.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  sample.forEach((byte, i) => {
    if (byte === 0) i % 2 === 0 ? evenZeros++ : oddZeros++;
  });
  if (evenZeros + oddZeros > sample.length / 4)
    return oddZeros > evenZeros ? 'utf-16le' : 'utf-16be';
  return 'windows-1252';
}
