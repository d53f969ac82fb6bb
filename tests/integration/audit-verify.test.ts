import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { DynamoActionJournal } from '../../functions/aws/dynamo/action-journal.js';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoRestoreLedger } from '../../functions/aws/dynamo/restore-ledger.js';
import { verifyAudit } from '../../functions/core/audit/verify-audit.js';
import type { ActionIntent } from '../../functions/core/reconcile/ports.js';
import { startFaultProxy } from '../../local/fault-proxy.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { localWarden } from './local-aws.js';

const POOL = 'us-east-1_VerifyPool';
let warden: LocalWarden;
let table: GovernanceTable;

const intent = (username: string, i: number): ActionIntent => ({
  actionId: `${username}-${i}`,
  runId: `run-${i}`,
  kind: 'disable',
  source: POOL,
  username,
  accountKey: `sub-${username}`,
  reason: `change ${i}`,
  at: new Date(Date.UTC(2026, 5, 1, 0, i)),
});

async function complete(journal: DynamoActionJournal, action: ActionIntent): Promise<void> {
  await journal.beginAction(action);
  await journal.completeAction(action, { ok: true, at: action.at });
}

function warden_(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/warden.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  warden = await localWarden();
  table = new GovernanceTable(documentClient(), warden.resources.table);
});

describe('the audit chain on the local AWS', () => {
  it('keeps one chain when writers in parallel append to the same account', async () => {
    // Each writer has its own journal, as separate Lambda invocations would. The emulator does not
    // isolate concurrent transactions (AWS does), so its requests are taken one at a time.
    const proxy = await startFaultProxy({ target: warden.emulator.endpoint, serial: true });
    const throughProxy = new GovernanceTable(
      documentClient(new DynamoDBClient({ endpoint: proxy.endpoint })),
      warden.resources.table,
    );
    try {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          complete(new DynamoActionJournal(throughProxy), intent('busy', i + 1)),
        ),
      );
    } finally {
      await proxy.close();
    }
    const audit = new DynamoAuditLog(table);
    const { head, entries } = await audit.readStream({ source: POOL, username: 'busy' });
    expect(head?.seq).toBe(12);
    expect(entries.map((e) => e.stored.seq).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(await verifyAudit(audit)).toMatchObject({ ok: true, entries: 12, problems: [] });
  });

  it('stays intact when an admin restores an account: the restore is appended to its chain', async () => {
    const own = new GovernanceTable(documentClient(), (await localWarden()).resources.table);
    const disable = intent('cai', 1);
    await complete(new DynamoActionJournal(own), disable);
    await new DynamoRestoreLedger(own).recordRestore({
      restoreId: 'restore-1',
      source: POOL,
      username: 'cai',
      accountKey: 'sub-cai',
      at: new Date('2026-06-02T00:00:00Z'),
      actor: 'arn:aws:iam::1:user/ana',
      reason: 'wrongly listed as a leaver',
      disableActionIds: [disable.actionId],
    });
    const audit = new DynamoAuditLog(own);
    expect((await audit.listAudit(POOL, 'cai')).map((e) => e.kind)).toEqual(['disable', 'restore']);
    expect(await verifyAudit(audit)).toMatchObject({ ok: true, entries: 2, problems: [] });
    // The chain goes on after the restore.
    await complete(new DynamoActionJournal(own), intent('cai', 3));
    expect(await verifyAudit(audit)).toMatchObject({ ok: true, entries: 3, problems: [] });
  });

  it('warden audit verify: exit 0 when intact, exit 4 and the place when an entry was edited, with --table and --local', async () => {
    const journal = new DynamoActionJournal(table);
    for (let i = 1; i <= 3; i++) await complete(journal, intent('ana', i));
    const env = { WARDEN_TABLE: warden.resources.table };
    const intact = warden_(['audit', 'verify', '--json'], env);
    expect(intact.code, intact.err).toBe(0);
    expect(JSON.parse(intact.out)).toMatchObject({ ok: true, problems: [], unchained: 0 });

    const audit = new DynamoAuditLog(table);
    const second = (await audit.readStream({ source: POOL, username: 'ana' })).entries.find(
      (e) => e.stored.seq === 2,
    );
    await table.db.send(
      new PutCommand({
        TableName: table.name,
        Item: { ...second?.stored, reason: 'never happened' },
      }),
    );
    const broken = warden_(['audit', 'verify', '--table', warden.resources.table]);
    expect(broken.code).toBe(4);
    expect(broken.out).toMatch(/BROKEN: 1 problem/);
    expect(broken.out).toContain(`edited    ${POOL}/ana, position 2, entry ana-2`);

    // --local reads the instance file `warden local up` leaves; this one names the test's table.
    const instance = join(mkdtempSync(join(tmpdir(), 'warden-verify-')), 'instance.json');
    writeFileSync(
      instance,
      JSON.stringify({
        pid: process.pid,
        endpoint: warden.emulator.endpoint,
        startedAt: new Date().toISOString(),
        resources: warden.resources,
        extraPools: [],
        config: {},
        logFile: '',
      }),
    );
    const local = warden_(['audit', 'verify', '--local', '--json'], {
      WARDEN_LOCAL_INSTANCE: instance,
      AWS_ENDPOINT_URL: '',
    });
    expect(local.code, local.err).toBe(4);
    expect(JSON.parse(local.out).problems).toEqual([
      {
        source: POOL,
        username: 'ana',
        kind: 'edited',
        position: 2,
        entryId: 'ana-2',
        detail: 'its content no longer matches its hash',
      },
    ]);
  });

  it('warden audit still shows one account, and asks for the account when it is not named', () => {
    const env = { WARDEN_TABLE: warden.resources.table };
    const trail = warden_(['audit', '--user', 'busy', '--pool', POOL, '--json'], env);
    expect(trail.code, trail.err).toBe(0);
    expect(JSON.parse(trail.out).changes).toHaveLength(12);
    const unnamed = warden_(['audit'], env);
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toMatch(
      /name the account with --user and --pool, or the person with --employee-id/,
    );
  });
});
