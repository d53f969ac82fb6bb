import { describe, expect, it } from 'vitest';
import { answerWithCurrentCode, totpCode } from '../../../local/console/authenticator-code.js';

const SECRET = 'JBSWY3DPEHPK3PXP';
const END_OF_PERIOD = Date.UTC(2026, 11, 1, 12, 0, 29, 900);

/** A clock that reads each time in turn, then stays on the last. */
function clock(...times: number[]): () => number {
  let read = 0;
  return () => times[Math.min(read++, times.length - 1)] as number;
}

describe('answerWithCurrentCode', () => {
  it('answers once with the code shown now when it is accepted', async () => {
    const answered: string[] = [];
    const accepted = await answerWithCurrentCode(
      SECRET,
      async (code) => answered.push(code) > 0,
      clock(END_OF_PERIOD),
    );
    expect(accepted).toBe(true);
    expect(answered).toEqual([totpCode(SECRET, END_OF_PERIOD)]);
  });

  it('answers again with the next code when the period ended on the way', async () => {
    const answered: string[] = [];
    const accepted = await answerWithCurrentCode(
      SECRET,
      async (code) => answered.push(code) === 2,
      clock(END_OF_PERIOD, END_OF_PERIOD + 200),
    );
    expect(accepted).toBe(true);
    expect(answered).toEqual([
      totpCode(SECRET, END_OF_PERIOD),
      totpCode(SECRET, END_OF_PERIOD + 200),
    ]);
    expect(answered[0]).not.toBe(answered[1]);
  });

  it('does not try again when the code was refused within its own period', async () => {
    const answered: string[] = [];
    const accepted = await answerWithCurrentCode(
      SECRET,
      async (code) => answered.push(code) === 2,
      clock(END_OF_PERIOD - 5_000, END_OF_PERIOD),
    );
    expect(accepted).toBe(false);
    expect(answered).toHaveLength(1);
  });

  it('gives up after the second refusal', async () => {
    let answers = 0;
    const accepted = await answerWithCurrentCode(
      SECRET,
      async () => ++answers < 0,
      clock(END_OF_PERIOD, END_OF_PERIOD + 200),
    );
    expect(accepted).toBe(false);
    expect(answers).toBe(2);
  });
});
