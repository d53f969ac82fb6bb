import { describe, expect, it } from 'vitest';
import { OffboardingConflictError } from '../../../../functions/core/offboarding/errors.js';
import { requestOffboarding } from '../../../../functions/core/offboarding/request-offboarding.js';
import { hrRequest, minutesFrom, peopleWorld } from '../../fakes/offboarding-people.js';

describe('the claim an acting offboarding holds on the person', () => {
  it('refuses a second offboarding of the person for five minutes, then lets it take over', async () => {
    const w = peopleWorld();
    const start = w.clock.now();
    const outcomes: (string | Error)[] = [];
    const disable = w.press.disable.bind(w.press);
    w.press.disable = async (a) => {
      w.press.disable = disable;
      // While the first acts, a second request arrives just before and just at the claim's end.
      for (const minutes of [4.99, 5]) {
        w.clock.current = minutesFrom(start, minutes);
        const id = `ob-00000000000000000000000${minutes === 5 ? 3 : 2}`;
        outcomes.push(
          await requestOffboarding(hrRequest({ id }), w.deps).then(
            (o) => o.status,
            (e: Error) => e,
          ),
        );
      }
      return disable(a);
    };
    await requestOffboarding(hrRequest(), w.deps);
    expect(outcomes[0]).toBeInstanceOf(OffboardingConflictError);
    expect(outcomes[1]).toBe('done');
  });
});
