import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import { connectToLocal } from '../../local/local-up.js';

// A local AWS of its own, recorded in a file of its own: a developer's `warden local up` is left alone.
const dir = mkdtempSync(join(tmpdir(), 'warden-review-'));
const state = join(dir, 'instance.json');

function warden(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/warden.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, AWS_ENDPOINT_URL: '', WARDEN_LOCAL_INSTANCE: state },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const json = (args: string[]) => {
  const r = warden([...args, '--local', '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
};

/** A quarantined run: the roster shrank by a third since the last accepted one. */
async function quarantinedRun(): Promise<string> {
  const previous = process.env.WARDEN_LOCAL_INSTANCE;
  process.env.WARDEN_LOCAL_INSTANCE = state;
  try {
    const { instance, warden: local } = await connectToLocal();
    const roster = readFileSync('local/samples/roster.csv', 'utf8').split('\n');
    await local.s3.send(
      new PutObjectCommand({
        Bucket: instance.resources.feedBucket,
        Key: DEFAULT_FEED_KEY,
        Body: roster.slice(0, 200).join('\n'),
      }),
    );
    const run = await local.invokeReconcile({ trigger: 'test' }, instance.config);
    expect(run.status).toBe('quarantined');
    return run.runId;
  } finally {
    process.env.WARDEN_LOCAL_INSTANCE = previous;
  }
}

beforeAll(() => {
  const up = warden(['local', 'up']);
  expect(up.code, up.err).toBe(0);
});

afterAll(() => {
  warden(['local', 'down']);
});

describe('the admin CLI on the local AWS', () => {
  it('lists runs newest first, shows one, and writes its reports', () => {
    const runs = json(['runs', 'list']);
    expect(runs).toHaveLength(1);
    expect(Object.keys(runs[0]).sort()).toEqual(
      ['counts', 'mode', 'runId', 'startedAt', 'status', 'trigger'].sort(),
    );
    expect(runs[0]).toMatchObject({ trigger: 'local-up', mode: 'apply', status: 'completed' });
    const { runId } = runs[0];

    const view = json(['runs', 'show', runId, '--situation', 'leaver', '--page-size', '5']);
    expect(view.run.runId).toBe(runId);
    expect(view.findings.rows.length).toBeGreaterThan(0);
    expect(view.findings.rows.every((f: { situation: string }) => f.situation === 'leaver')).toBe(
      true,
    );
    expect(warden(['runs', 'show', runId, '--local']).out).toContain(`Run ${runId}: completed`);

    const out = join(dir, 'report.html');
    const written = json(['report', runId, '--out', out]);
    expect(written).toMatchObject({ runId, format: 'html', rendered: false, out });
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
    const csv = warden(['report', runId, '--format', 'csv', '--local']);
    expect(csv.out.split('\n')[0]).toContain('username');

    expect(warden(['runs', 'show', 'r-nope', '--local']).code).toBe(2);
    expect(warden(['report', runId, '--format', 'pdf', '--local']).code).toBe(2);
    expect(warden(['runs', 'list', '--status', 'done', '--local']).code).toBe(2);
  });

  it('rejects one quarantined run and approves another, each with a reason and who decided', async () => {
    const first = await quarantinedRun();
    expect(
      json(['runs', 'list', '--status', 'quarantined']).map((r: { runId: string }) => r.runId),
    ).toEqual([first]);
    expect(warden(['runs', 'reject', first, '--local']).code).toBe(2); // no reason
    const rejected = json(['runs', 'reject', first, '--reason', 'truncated export']);
    expect(rejected.run).toMatchObject({
      runId: first,
      status: 'rejected',
      review: { decision: 'rejected' },
    });
    const again = warden(['runs', 'approve', first, '--reason', 'x', '--local']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already rejected/);

    const second = await quarantinedRun();
    const approved = json(['runs', 'approve', second, '--reason', 'HR confirmed the leavers']);
    expect(approved.run.review).toMatchObject({ decision: 'approved' });
    expect(approved.decided.status).toMatch(/^completed/);
    const shown = json(['runs', 'show', second]);
    expect(shown.review).toMatchObject({
      by: expect.stringMatching(/^local:/),
      reason: 'HR confirmed the leavers',
    });
  });

  it('restores an account Warden disabled: a leaver only with an override reason, audited', () => {
    const runId = json(['runs', 'list', '--status', 'completed', '--limit', '200']).at(-1).runId;
    const view = json(['runs', 'show', runId, '--outcome', 'disabled', '--page-size', '1']);
    const { source, username, employeeId } = view.findings.rows[0];

    const refused = warden([
      'accounts',
      'restore',
      source,
      username,
      '--reason',
      'mistake',
      '--local',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/override reason/);
    const restored = json([
      'accounts',
      'restore',
      source,
      username,
      '--reason',
      'mistake',
      '--override-reason',
      'HR reversed the leave',
    ]);
    expect(restored).toMatchObject({ source, username, outcome: 'enabled' });

    const trail = json(['audit', '--user', username, '--pool', source]);
    expect(trail.changes.map((c: { kind: string }) => c.kind)).toEqual(['disable', 'restore']);
    expect(trail.changes[1].actor).toMatch(/^local:/);
    const person = json(['audit', '--employee-id', employeeId]);
    expect(person.accounts.map((a: { username: string }) => a.username)).toContain(username);
    expect(person.trail.some((e: { kind?: string }) => e.kind === 'restore')).toBe(true);
    expect(warden(['audit', '--local']).code).toBe(2);
  });
});
