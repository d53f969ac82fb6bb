import { describe, expect, it } from 'vitest';
import { lineNumbers } from '../../../../functions/core/hr/line-numbers.js';

describe('lineNumbers', () => {
  it('puts a line break on the line it ends, whichever kind it is', () => {
    const lines = lineNumbers(Buffer.from('a\nb\r\nc\rd'));
    // Offsets in increasing order: the LF, the CR and LF of CRLF, the lone CR, then the last line.
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((offset) => lines.lineAt(offset))).toEqual([
      1, 2, 2, 2, 3, 3, 4, 4,
    ]);
  });

  it('skips blank lines of any line ending to the next byte of text', () => {
    const bytes = Buffer.from('a\r\n\r\n\n\rb');
    expect(lineNumbers(bytes).skipLineBreaks(1)).toBe(7);
    expect(lineNumbers(bytes).skipLineBreaks(0)).toBe(0);
  });
});
