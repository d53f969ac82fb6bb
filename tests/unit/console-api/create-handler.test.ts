import { describe, expect, it } from 'vitest';
import { createConsoleApiHandler } from '../../../functions/console-api/create-handler.js';
import type { ConsoleCallEntry } from '../../../functions/core/console/ports.js';
import { account } from '../fakes/builders.js';
import { consoleEvent, staffClaims, subOf } from '../fakes/console-events.js';
import { quarantinedRun, reviewWorld } from '../fakes/console-review-world.js';
import { offboardingWorld } from '../fakes/memory-offboarding.js';
import { MemoryDirectory } from '../fakes/memory-services.js';

const POOL = 'us-east-1_Press';
const KEY = { 'Idempotency-Key': 'f1d2c3b4-0000-4000-8000-000000000001' };

function consoleApi() {
  const directory = new MemoryDirectory(POOL, [
    account('mariana.ruiz', { source: POOL, employeeId: 'E10001', email: 'mariana@x.org' }),
  ]);
  const w = offboardingWorld([directory]);
  w.index.link('E10001', directory.accounts[0] as never, 'mariana@x.org');
  const calls: ConsoleCallEntry[] = [];
  const r = reviewWorld(w.deps, [directory]);
  const handler = createConsoleApiHandler(() =>
    Promise.resolve({
      offboarding: w.deps,
      review: r.review,
      calls: {
        recordCall: (entry) => Promise.resolve(void calls.push(entry)),
        listCalls: () => Promise.resolve(calls),
      },
    }),
  );
  const call = async (...args: Parameters<typeof consoleEvent>) => {
    const response = await handler(consoleEvent(...args));
    return { status: response.statusCode, body: JSON.parse(response.body) };
  };
  return { ...w, ...r, directory, calls, call, handler };
}

const hr = staffClaims('hr.ana', 'hr');
const admin = staffClaims('admin.eva', 'it-admin');
const auditor = staffClaims('audit.luis', 'auditor');
const inMexicoCity = (localDateTime: string) => ({
  localDateTime,
  timeZone: 'America/Mexico_City',
});

describe('the console API handler', () => {
  it('tells a staff member who they are and what they may do', async () => {
    const a = consoleApi();
    const response = await a.call('GET', '/api/me', { claims: auditor });
    expect(response).toEqual({
      status: 200,
      body: {
        username: 'audit.luis',
        roles: ['auditor'],
        permissions: expect.arrayContaining(['runs.read', 'people.trail']),
        timeZone: 'America/Mexico_City',
      },
    });
    expect(response.body.permissions).not.toContain('offboarding.write');
  });

  it('HR offboards now: the staff member is the requester, and the call is audited', async () => {
    const a = consoleApi();
    const response = await a.call('POST', '/api/offboardings', {
      claims: hr,
      headers: KEY,
      body: { employeeId: 'E10001', reason: 'resigned' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'done',
      requestedBy: 'staff hr.ana',
      accounts: [{ source: POOL, username: 'mariana.ruiz', outcome: 'disabled' }],
    });
    expect(a.directory.accounts[0]?.enabled).toBe(false);
    expect(a.calls).toEqual([
      expect.objectContaining({
        actor: 'hr.ana',
        sub: subOf('hr.ana'),
        route: 'offboarding.create',
        status: 201,
        target: response.body.id,
      }),
    ]);
  });

  it('the same confirmation sent twice offboards once', async () => {
    const a = consoleApi();
    const body = { employeeId: 'E10001', reason: 'resigned' };
    const first = await a.call('POST', '/api/offboardings', { claims: hr, headers: KEY, body });
    const again = await a.call('POST', '/api/offboardings', { claims: hr, headers: KEY, body });
    expect(again.body.id).toBe(first.body.id);
    expect(a.store.items.size).toBe(1);
    expect(a.journal.audit).toHaveLength(1);
  });

  it('refuses with 422 a key used before for another request, and changes nothing', async () => {
    const a = consoleApi();
    const body = { employeeId: 'E10001', reason: 'resigned' };
    await a.call('POST', '/api/offboardings', { claims: hr, headers: KEY, body });
    const other = { employeeId: 'E10002', reason: 'resigned' };
    const reused = await a.call('POST', '/api/offboardings', {
      claims: hr,
      headers: KEY,
      body: other,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.message).toMatch(/Idempotency-Key was used for another request/);
    expect(a.store.items.size).toBe(1);
    expect(a.journal.audit).toHaveLength(1);
  });

  it('schedules at a wall-clock time in the zone HR chose, moves it, and cancels it', async () => {
    const a = consoleApi();
    const created = await a.call('POST', '/api/offboardings', {
      claims: hr,
      headers: KEY,
      body: {
        employeeId: 'E10001',
        reason: 'contract ends',
        effectiveAt: inMexicoCity('2026-12-15T17:30'),
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'scheduled',
      effectiveAt: '2026-12-15T23:30:00.000Z',
    });
    const listed = await a.call('GET', '/api/offboardings', {
      claims: hr,
      query: { status: 'scheduled' },
    });
    expect(listed.body.offboardings.map((o: { id: string }) => o.id)).toEqual([created.body.id]);
    const moved = await a.call('PATCH', `/api/offboardings/${created.body.id}`, {
      claims: hr,
      body: { effectiveAt: { localDateTime: '2026-12-20T09:00', timeZone: 'Europe/Madrid' } },
    });
    expect(moved.body).toMatchObject({
      status: 'scheduled',
      effectiveAt: '2026-12-20T08:00:00.000Z',
    });
    const cancelled = await a.call('DELETE', `/api/offboardings/${created.body.id}`, {
      claims: hr,
      body: { reason: 'contract extended' },
    });
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'contract extended',
    });
    expect(a.directory.accounts[0]?.enabled).toBe(true);
    expect(a.scheduler.schedules.size).toBe(0);
  });

  it('refuses a moment without its time zone, or one the zone skips, and changes nothing', async () => {
    const a = consoleApi();
    const noZone = await a.call('POST', '/api/offboardings', {
      claims: hr,
      headers: KEY,
      body: {
        employeeId: 'E10001',
        reason: 'r',
        effectiveAt: { localDateTime: '2026-12-15T17:30' },
      },
    });
    expect(noZone.status).toBe(400);
    expect(noZone.body.problems).toEqual([
      'effectiveAt.timeZone: is required: choose the time zone explicitly',
    ]);
    const skipped = await a.call('POST', '/api/offboardings', {
      claims: hr,
      headers: KEY,
      body: {
        employeeId: 'E10001',
        reason: 'r',
        effectiveAt: { localDateTime: '2026-03-29T02:30', timeZone: 'Europe/Madrid' },
      },
    });
    expect(skipped.status).toBe(400);
    expect(skipped.body.problems[0]).toMatch(/does not exist in Europe\/Madrid/);
    const noKey = await a.call('POST', '/api/offboardings', {
      claims: hr,
      body: { employeeId: 'E 1', reason: '' },
    });
    expect(noKey.body.problems).toEqual([
      'employeeId: may hold only letters, digits and . _ : -',
      'reason: is required',
      'Idempotency-Key: is required: 8 to 255 printable characters, new per request',
    ]);
    expect(a.store.items.size).toBe(0);
    expect(a.directory.accounts[0]?.enabled).toBe(true);
  });

  it('refuses an auditor who offboards with 403, audits the attempt, and changes nothing', async () => {
    const a = consoleApi();
    const response = await a.call('POST', '/api/offboardings', {
      claims: auditor,
      headers: KEY,
      body: { employeeId: 'E10001', reason: 'resigned' },
    });
    expect(response.status).toBe(403);
    expect(response.body.status).toBe('refused');
    expect(a.store.items.size).toBe(0);
    expect(a.directory.accounts[0]?.enabled).toBe(true);
    expect(a.calls).toEqual([
      expect.objectContaining({ actor: 'audit.luis', route: 'offboarding.create', status: 403 }),
    ]);
    // The log names the route and the staff member's id, never a username or the body.
    expect(JSON.stringify(a.log)).not.toMatch(/audit\.luis|E10001|resigned/);
    expect(a.log.lines).toEqual([
      expect.objectContaining({
        detail: { route: 'offboarding.create', sub: subOf('audit.luis') },
      }),
    ]);
  });

  it('lets an auditor read offboardings, and HR nothing about runs', async () => {
    const a = consoleApi();
    expect((await a.call('GET', '/api/offboardings', { claims: auditor })).status).toBe(200);
    const preview = await a.call('GET', '/api/offboardings/preview', {
      claims: auditor,
      query: { employeeId: 'E10001' },
    });
    expect(preview.body.accounts).toEqual([
      { source: POOL, username: 'mariana.ruiz', enabled: true },
    ]);
    expect((await a.call('GET', '/api/runs', { claims: hr })).status).toBe(403);
  });

  it('answers 401 without verified claims, 404 for an unknown offboarding, 409 for a conflict', async () => {
    const a = consoleApi();
    const event = consoleEvent('GET', '/api/me');
    event.requestContext.authorizer = { claims: {} };
    expect((await a.handler(event)).statusCode).toBe(401);
    expect((await a.call('GET', '/api/offboardings/ob-nope', { claims: hr })).status).toBe(404);
    const done = await a.call('POST', '/api/offboardings', {
      claims: hr,
      headers: KEY,
      body: { employeeId: 'E10001', reason: 'resigned' },
    });
    const cancel = await a.call('DELETE', `/api/offboardings/${done.body.id}`, {
      claims: hr,
      body: { reason: 'too late' },
    });
    expect(cancel.status).toBe(409);
    expect(a.calls.map((c) => c.status)).toEqual([404, 201, 409]);
  });

  it('an admin approves a quarantined run with a reason, as themselves; an auditor is refused', async () => {
    const a = consoleApi();
    a.runs.set('r-1', quarantinedRun('r-1', new Date('2026-11-29T06:00:00Z')));
    const refused = await a.call('POST', '/api/runs/r-1/approve', {
      claims: auditor,
      body: { reason: 'looks right' },
    });
    expect(refused.status).toBe(403);
    expect(a.decided).toEqual([]);
    const noReason = await a.call('POST', '/api/runs/r-1/approve', { claims: admin, body: {} });
    expect(noReason).toEqual({
      status: 400,
      body: { status: 'invalid', problems: ['reason: is required'] },
    });
    const approved = await a.call('POST', '/api/runs/r-1/approve', {
      claims: admin,
      body: { reason: 'HR confirmed both leavers' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.decided).toMatchObject({ runId: 'r-1-applied', status: 'completed' });
    expect(a.decided).toEqual([
      {
        decision: 'approve',
        runId: 'r-1',
        by: 'staff admin.eva',
        reason: 'HR confirmed both leavers',
      },
    ]);
    expect(a.adminAudit).toEqual([
      expect.objectContaining({ actor: 'staff admin.eva', action: 'run.approve', target: 'r-1' }),
    ]);
    const again = await a.call('POST', '/api/runs/r-1/reject', {
      claims: admin,
      body: { reason: 'changed my mind' },
    });
    expect(again.status).toBe(409);
    expect(a.calls.map((c) => [c.route, c.status])).toEqual([
      ['runs.approve', 403],
      ['runs.approve', 400],
      ['runs.approve', 200],
      ['runs.reject', 409],
    ]);
  });

  it('lists runs for an auditor, answers 404 for an unknown run, 400 for a bad query', async () => {
    const a = consoleApi();
    a.runs.set('r-1', quarantinedRun('r-1', new Date('2026-11-29T06:00:00Z')));
    const list = await a.call('GET', '/api/runs', {
      claims: auditor,
      query: { status: 'quarantined' },
    });
    expect(list.body).toEqual({
      runs: [expect.objectContaining({ runId: 'r-1', status: 'quarantined' })],
      next: null,
    });
    expect((await a.call('GET', '/api/runs/r-9', { claims: auditor })).status).toBe(404);
    const bad = await a.call('GET', '/api/runs', { claims: auditor, query: { limit: '0' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0]).toMatch(/^limit: /);
  });

  it('refuses a query name it does not read, even "__proto__", naming it', async () => {
    const a = consoleApi();
    a.runs.set('r-1', quarantinedRun('r-1', new Date('2026-11-29T06:00:00Z')));
    const query = JSON.parse('{"__proto__":"","page":"1"}');
    const answer = await a.call('GET', '/api/runs/r-1', { claims: auditor, query });
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toEqual([expect.stringMatching(/__proto__/)]);
  });

  it('downloads a report as a file, and refuses formats it does not serve', async () => {
    const a = consoleApi();
    a.runs.set('r-1', {
      ...quarantinedRun('r-1', new Date()),
      reports: { json: 's3://x/r.json', csv: 's3://x/r.csv' },
    });
    a.files.set('r-1.csv', 'username,situation\n"<svg/onload=alert(1)>",leaver\n');
    const response = await a.handler(
      consoleEvent('GET', '/api/runs/r-1/download/csv', { claims: auditor }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="warden-r-1.csv"',
    });
    expect(response.body).toContain('<svg/onload=alert(1)>');
    const html = await a.call('GET', '/api/runs/r-1/download/html', { claims: auditor });
    expect(html.status).toBe(400);
    // A name every object inherits is no format either.
    for (const format of ['toString', 'constructor', '__proto__']) {
      const odd = await a.call('GET', `/api/runs/r-1/download/${format}`, { claims: auditor });
      expect(odd, format).toEqual({
        status: 400,
        body: { status: 'invalid', problems: ['format: must be csv or json'] },
      });
    }
  });

  it("shows HR a person's situation without their trail; an auditor sees the trail", async () => {
    const a = consoleApi();
    a.signIns.push({
      source: POOL,
      username: 'mariana.ruiz',
      at: new Date('2026-11-28T10:00:00Z'),
      outcome: 'denied',
      country: 'ES',
      rule: 'denied-country',
      reason: 'ES is always denied',
      ip: '192.0.2.1',
    });
    const forHr = await a.call('GET', '/api/people', { claims: hr, query: { q: 'E10001' } });
    expect(forHr.status).toBe(200);
    expect(forHr.body).toMatchObject({
      employeeIds: ['E10001'],
      accounts: [expect.objectContaining({ username: 'mariana.ruiz' })],
      trail: [],
      trailShown: false,
    });
    const forAuditor = await a.call('GET', '/api/people', {
      claims: auditor,
      query: { q: 'E10001' },
    });
    expect(forAuditor.body.trailShown).toBe(true);
    expect(forAuditor.body.trail).toEqual([
      expect.objectContaining({ type: 'sign-in', country: 'ES', rule: 'denied-country' }),
    ]);
    expect(JSON.stringify(forAuditor.body)).not.toContain('192.0.2.1');
  });

  it('restores only for an IT admin, with a reason, as themselves', async () => {
    const a = consoleApi();
    const disabled = a.directory.accounts[0] as { enabled: boolean };
    disabled.enabled = false;
    a.trail.push({
      actionId: 'act-1',
      runId: 'r-1',
      kind: 'disable',
      source: POOL,
      username: 'mariana.ruiz',
      reason: 'left',
      at: new Date('2026-11-20T00:00:00Z'),
    });
    const body = { source: POOL, username: 'mariana.ruiz', reason: 'HR error, she never left' };
    for (const claims of [hr, auditor]) {
      expect((await a.call('POST', '/api/accounts/restore', { claims, body })).status).toBe(403);
    }
    const restored = await a.call('POST', '/api/accounts/restore', { claims: admin, body });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ outcome: 'enabled' });
    expect(disabled.enabled).toBe(true);
    expect(a.restores).toEqual([expect.objectContaining({ actor: 'staff admin.eva' })]);
    expect(a.calls.at(-1)).toMatchObject({
      route: 'accounts.restore',
      target: `${POOL}/mariana.ruiz`,
    });
  });

  it('lists sign-in decisions filtered by country, rule and outcome; never the address', async () => {
    const a = consoleApi();
    const at = new Date('2026-11-28T10:00:00Z');
    for (const [country, outcome] of [
      ['ES', 'denied'],
      ['MX', 'allowed'],
    ] as const)
      a.signIns.push({
        source: POOL,
        username: 'u',
        at,
        outcome,
        country,
        rule: 'r',
        reason: 'x',
        ip: '192.0.2.9',
      });
    const response = await a.call('GET', '/api/sign-ins', {
      claims: auditor,
      query: { country: 'es', outcome: 'denied' },
    });
    expect(response.body.decisions).toEqual([
      expect.objectContaining({ country: 'ES', outcome: 'denied' }),
    ]);
    expect(JSON.stringify(response.body)).not.toContain('192.0.2.9');
    expect((await a.call('GET', '/api/sign-ins', { claims: hr })).status).toBe(403);
    const bad = await a.call('GET', '/api/sign-ins', {
      claims: auditor,
      query: { country: 'Spain' },
    });
    expect(bad.status).toBe(400);
  });
});
