const LF = 0x0a;
const CR = 0x0d;

/**
 * Line numbers of offsets in a file's bytes, asked for in increasing order (one pass over the
 * file in all). A line ends at LF, CRLF or a lone CR, so a file whose line endings change midway
 * is numbered as an editor shows it.
 */
export function lineNumbers(bytes: Uint8Array): {
  lineAt(offset: number): number;
  /** The offset of the first byte after `offset` that is not a line break (blank lines skipped). */
  skipLineBreaks(offset: number): number;
} {
  let scanned = 0;
  let line = 1;
  return {
    lineAt(offset) {
      for (; scanned < offset; scanned++) {
        const byte = bytes[scanned];
        if (byte === LF || (byte === CR && bytes[scanned + 1] !== LF)) line++;
      }
      return line;
    },
    skipLineBreaks(offset) {
      let at = offset;
      while (bytes[at] === LF || bytes[at] === CR) at++;
      return at;
    },
  };
}
