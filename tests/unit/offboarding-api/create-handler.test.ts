import { describe, expect, it } from 'vitest';
import type { ApiCallEntry } from '../../../functions/core/offboarding/ports.js';
import {
  type ApiResponse,
  type CreateCall,
  createOffboardingApiHandler,
} from '../../../functions/offboarding-api/create-handler.js';
import { apiEvent, HR_ROLE } from '../fakes/api-events.js';
import { account } from '../fakes/builders.js';
import { offboardingWorld } from '../fakes/memory-offboarding.js';
import { MemoryDirectory } from '../fakes/memory-services.js';

const POOL = 'us-east-1_Press';

function api() {
  const directory = new MemoryDirectory(POOL, [
    account('mariana.ruiz', { source: POOL, employeeId: 'E10001', email: 'mariana@x.org' }),
  ]);
  const w = offboardingWorld([directory]);
  w.index.link('E10001', directory.accounts[0] as never, 'mariana@x.org');
  const calls: ApiCallEntry[] = [];
  // Stands in for Powertools: the same key returns the first answer.
  const answers = new Map<string, ApiResponse>();
  const handler = createOffboardingApiHandler(() =>
    Promise.resolve({
      offboarding: w.deps,
      hrRoleArn: HR_ROLE,
      calls: {
        recordCall: (entry) => Promise.resolve(void calls.push(entry)),
        listCalls: () => Promise.resolve(calls),
      },
      idempotent:
        (create: (call: CreateCall) => Promise<ApiResponse>) => async (call: CreateCall) => {
          const first = answers.get(call.idempotencyKey) ?? (await create(call));
          answers.set(call.idempotencyKey, first);
          return first;
        },
    }),
  );
  const call = async (...args: Parameters<typeof apiEvent>) => {
    const response = await handler(apiEvent(...args));
    return { status: response.statusCode, body: JSON.parse(response.body) };
  };
  return { ...w, directory, calls, call };
}

const create = (body: unknown, key = 'key-1') =>
  ['POST', '/offboardings', { body, headers: { 'Idempotency-Key': key } }] as const;
const valid = { employeeId: 'E10001', reason: 'resigned', requestedBy: 'hr.person' };

describe('the offboarding API handler', () => {
  it('offboards now: 201 with the accounts and their outcomes, audited with the caller', async () => {
    const a = api();
    const response = await a.call(...create(valid));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      employeeId: 'E10001',
      status: 'done',
      accounts: [{ source: POOL, username: 'mariana.ruiz', outcome: 'disabled' }],
    });
    expect(a.calls).toEqual([
      expect.objectContaining({
        action: 'create',
        status: 201,
        caller: expect.stringMatching(/assumed-role\/hr-integration/),
        offboardingId: response.body.id,
      }),
    ]);
  });

  it('a duplicate request returns the first answer and audits nothing again', async () => {
    const a = api();
    const first = await a.call(...create(valid));
    const again = await a.call(...create(valid));
    expect(again).toEqual(first);
    expect(a.calls).toHaveLength(1);
    expect(a.journal.audit).toHaveLength(1);
  });

  it('refuses with 422 a key whose first request failed, when sent again for another request', async () => {
    const a = api();
    const notify = a.deps.notifier.notify.bind(a.deps.notifier);
    a.deps.notifier.notify = () => Promise.reject(new Error('SNS is down'));
    await expect(a.call(...create(valid))).rejects.toThrow('SNS is down');
    a.deps.notifier.notify = notify;
    for (const other of [
      { ...valid, employeeId: 'E10002' },
      { ...valid, reason: 'another reason' },
      { ...valid, requestedBy: 'someone else' },
    ]) {
      const reused = await a.call(...create(other));
      expect(reused).toEqual({
        status: 422,
        body: {
          status: 'invalid',
          message: 'this Idempotency-Key was used with a different request body',
        },
      });
    }
    // The same request again finishes the first.
    expect((await a.call(...create(valid))).body).toMatchObject({
      employeeId: 'E10001',
      status: 'done',
    });
  });

  it('refuses any other caller with 403, audited, and changes nothing', async () => {
    const a = api();
    const refused = await a.call('POST', '/offboardings', {
      body: valid,
      headers: { 'Idempotency-Key': 'k' },
      caller: 'arn:aws:sts::111122223333:assumed-role/admin/alice',
    });
    expect(refused.status).toBe(403);
    expect(a.calls).toEqual([
      expect.objectContaining({ status: 403, caller: expect.stringMatching(/admin\/alice/) }),
    ]);
    expect(a.directory.disableCalls).toEqual([]);
  });

  it.each([
    [{ ...valid, employeeId: undefined }, /^employeeId: /],
    [{ ...valid, reason: '' }, /^reason: is required/],
    [{ ...valid, reason: 'r'.repeat(501) }, /^reason: is longer than 500 characters$/],
    [{ ...valid, requestedBy: 'h'.repeat(201) }, /^requestedBy: is longer than 200 characters$/],
    [{ ...valid, employeeId: 'E'.repeat(65) }, /^employeeId: is longer than 64 characters$/],
    [{ ...valid, extra: 1 }, /Unrecognized key/],
    [{ ...valid, effectiveAt: '2026-02-30' }, /^effectiveAt: must be a real date/],
    [{ ...valid, effectiveAt: 'next friday' }, /^effectiveAt: /],
    ['{not json', /^\(body\): is not valid JSON/],
  ])('answers 400 naming the field for %j, and changes nothing', async (body, problem) => {
    const a = api();
    const response = await a.call(...create(body));
    expect(response.status).toBe(400);
    expect(response.body.problems.join('\n')).toMatch(problem);
    expect(a.store.items.size).toBe(0);
    expect(a.directory.disableCalls).toEqual([]);
  });

  it('answers 400 without an Idempotency-Key', async () => {
    const a = api();
    const response = await a.call('POST', '/offboardings', { body: valid });
    expect(response.status).toBe(400);
    expect(response.body.problems).toEqual([
      expect.stringMatching(/^Idempotency-Key: is required/),
    ]);
  });

  it('schedules, shows, lists, moves and cancels; a cancel of one done is 409', async () => {
    const a = api();
    const scheduled = await a.call(...create({ ...valid, effectiveAt: '2026-12-31' }));
    expect(scheduled.body).toMatchObject({
      status: 'scheduled',
      effectiveAt: '2027-01-01T06:00:00.000Z',
    });
    const id = scheduled.body.id as string;
    expect((await a.call('GET', '/offboardings/{id}', { id })).body.status).toBe('scheduled');
    const pending = await a.call('GET', '/offboardings', { query: { status: 'scheduled' } });
    expect(pending.body.offboardings.map((o: { id: string }) => o.id)).toEqual([id]);
    const moved = await a.call('PATCH', '/offboardings/{id}', {
      id,
      body: { effectiveAt: '2027-01-15' },
    });
    expect(moved.body.effectiveAt).toBe('2027-01-16T06:00:00.000Z');
    const cancelled = await a.call('DELETE', '/offboardings/{id}', {
      id,
      body: { reason: 'rehired' },
    });
    expect(cancelled.body.status).toBe('cancelled');

    const done = await a.call(...create(valid, 'key-2'));
    const conflict = await a.call('DELETE', '/offboardings/{id}', {
      id: done.body.id,
      body: { reason: 'mistake' },
    });
    expect(conflict.status).toBe(409);
    expect((await a.call('GET', '/offboardings/{id}', { id: done.body.id })).body.status).toBe(
      'done',
    );
  });

  it('answers 404 for an unknown offboarding, 400 for an unknown status filter', async () => {
    const a = api();
    expect(
      (await a.call('GET', '/offboardings/{id}', { id: 'ob-ffffffffffffffffffffffff' })).status,
    ).toBe(404);
    expect((await a.call('GET', '/offboardings', { query: { status: 'pending' } })).status).toBe(
      400,
    );
  });
});
