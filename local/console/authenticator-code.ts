import { TOTP } from 'otpauth';

const PERIOD_MS = 30_000;

/** The one-time code an authenticator app shows at `at` for the local staff pool's secret. */
export function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret, digits: 6, period: PERIOD_MS / 1000, algorithm: 'SHA1' }).generate({
    timestamp: at,
  });
}

/**
 * Answers with the code shown now, and once more with the next code when the first was refused
 * because its 30-second period ended on the way: the emulator accepts only the current period's
 * code, as a person whose code runs out types the new one. `answer` says whether it was accepted.
 */
export async function answerWithCurrentCode(
  secret: string,
  answer: (code: string) => Promise<boolean>,
  now: () => number = Date.now,
): Promise<boolean> {
  const shownAt = now();
  if (await answer(totpCode(secret, shownAt))) return true;
  const period = (at: number) => Math.floor(at / PERIOD_MS);
  if (period(now()) === period(shownAt)) return false;
  return answer(totpCode(secret, now()));
}
