import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A local AWS of its own, recorded in a file of its own: a developer's `warden local up` is left alone.
const state = join(mkdtempSync(join(tmpdir(), 'warden-local-')), 'instance.json');

function warden(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['bin/warden.js', ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, AWS_ENDPOINT_URL: '', WARDEN_LOCAL_INSTANCE: state },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

afterAll(() => {
  warden(['local', 'down']);
});

describe('warden offboard and warden local', () => {
  it('refuses an impossible date with exit 2 before reaching anything', () => {
    const r = warden([
      'offboard',
      'E10001',
      '--reason',
      'left',
      '--at',
      '2026-02-30',
      '--yes',
      '--local',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--at 2026-02-30: must be a date/);
  });

  it('keeps the local AWS up between commands: offboard after confirmation, list, status, down', () => {
    const up = warden(['local', 'up']);
    expect(up.code, up.err).toBe(0);
    expect(up.out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(warden(['local', 'status']).out).toMatch(/running on http/);

    const declined = warden(['offboard', 'E10002', '--reason', 'left', '--local'], 'n\n');
    expect(declined.out).toMatch(/2 linked account\(s\) will be signed out and disabled now/);
    expect(declined.code).toBe(1);

    const done = warden(['offboard', 'E10001', '--reason', 'left', '--local', '--json'], 'y\n');
    expect(done.code, done.err).toBe(0);
    const view = JSON.parse(done.out.slice(done.out.indexOf('{')));
    expect(view).toEqual({
      id: expect.stringMatching(/^ob-/),
      employeeId: 'E10001',
      status: 'done',
      effectiveAt: expect.any(String),
      accounts: [
        { source: expect.any(String), username: 'mariana.ruiz', outcome: 'disabled' },
        { source: expect.any(String), username: 'mruiz', outcome: 'disabled' },
      ],
    });
    const status = warden(['offboard', 'status', view.id, '--local', '--json']);
    expect(JSON.parse(status.out)).toEqual(view);

    const scheduled = warden([
      'offboard',
      'E10002',
      '--reason',
      'contract ends',
      '--at',
      '2036-06-30',
      '--yes',
      '--json',
      '--local',
    ]);
    const pending = JSON.parse(scheduled.out);
    expect(pending.status).toBe('scheduled');
    expect(warden(['offboard', 'list', '--pending', '--local']).out).toContain(pending.id);
    expect(warden(['offboard', 'move', pending.id, '--at', 'soon', '--local']).code).toBe(2);
    const cancelled = warden([
      'offboard',
      'cancel',
      pending.id,
      '--reason',
      'rehired',
      '--local',
      '--json',
    ]);
    expect(JSON.parse(cancelled.out).status).toBe('cancelled');
    expect(warden(['offboard', 'cancel', view.id, '--reason', 'oops', '--local']).code).toBe(1);

    expect(warden(['local', 'down']).out).toMatch(/stopped/);
    expect(warden(['local', 'status']).code).toBe(1);
  }, 120_000);
});
