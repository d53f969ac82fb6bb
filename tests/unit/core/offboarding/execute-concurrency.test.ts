import { describe, expect, it } from 'vitest';
import { requestOffboarding } from '../../../../functions/core/offboarding/request-offboarding.js';
import type { ActionIntent } from '../../../../functions/core/reconcile/ports.js';
import { account } from '../../fakes/builders.js';
import { offboardingWorld } from '../../fakes/memory-offboarding.js';
import { MemoryDirectory } from '../../fakes/memory-services.js';

const PRESS = 'us-east-1_Press';
const ACCRED = 'us-east-1_Accred';
const HR = 'arn:aws:sts::111122223333:assumed-role/hr-integration/workday';

function world() {
  const press = new MemoryDirectory(PRESS, [
    account('mariana.ruiz', { source: PRESS, employeeId: 'E1', email: 'mariana@x.org' }),
  ]);
  const accred = new MemoryDirectory(ACCRED, [
    account('mruiz', { source: ACCRED, employeeId: 'E1', email: 'mariana@x.org' }),
  ]);
  const w = offboardingWorld([press, accred]);
  w.index.link('E1', press.accounts[0] as never, 'mariana@x.org');
  w.index.link('E1', accred.accounts[0] as never);
  return { ...w, press, accred };
}

const request = {
  id: 'ob-000000000000000000000001',
  employeeId: 'E1',
  reason: 'resigned',
  requestedBy: 'hr.person',
  caller: HR,
  origin: 'hr' as const,
};

describe('an immediate offboarding, its accounts at once', () => {
  it('begins every action while the access ends are written, and changes no account before all are', async () => {
    const w = world();
    let openAccessEnds: () => void = () => {};
    const accessEndsWritten = new Promise<void>((resolve) => {
      openAccessEnds = resolve;
    });
    const record = w.accessEnds.recordOffboardingEnd.bind(w.accessEnds);
    w.accessEnds.recordOffboardingEnd = async (...args) => {
      await accessEndsWritten;
      return record(...args);
    };
    const begun: string[] = [];
    const begin = w.journal.beginAction.bind(w.journal);
    w.journal.beginAction = (intent: ActionIntent) => {
      begun.push(intent.username);
      return begin(intent);
    };

    const done = requestOffboarding(request, w.deps);
    await new Promise((resolve) => setImmediate(resolve));
    expect(begun.sort()).toEqual(['mariana.ruiz', 'mruiz']);
    expect([...w.press.disableCalls, ...w.accred.disableCalls]).toEqual([]);

    openAccessEnds();
    const offboarding = await done;
    expect(offboarding.status).toBe('done');
    expect(w.press.disableCalls).toEqual(['mariana.ruiz']);
    expect(w.accred.disableCalls).toEqual(['mruiz']);
    expect(w.accessEnds.offboardings.size).toBe(2);
  });

  it('changes no account when an access end cannot be written', async () => {
    const w = world();
    w.accessEnds.recordOffboardingEnd = () => Promise.reject(new Error('table unavailable'));
    await expect(requestOffboarding(request, w.deps)).rejects.toThrow('table unavailable');
    expect([...w.press.disableCalls, ...w.accred.disableCalls]).toEqual([]);
  });

  it('finishes the other pools when one pool’s account fails, and records the failure', async () => {
    const w = world();
    w.press.failOn.add('mariana.ruiz');
    const offboarding = await requestOffboarding(request, w.deps);
    expect(offboarding.status).toBe('partially_failed');
    expect(offboarding.accounts.map((a) => [a.username, a.outcome]).sort()).toEqual([
      ['mariana.ruiz', 'failed'],
      ['mruiz', 'disabled'],
    ]);
    expect(w.accred.disableCalls).toEqual(['mruiz']);
  });
});
