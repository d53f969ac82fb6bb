import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { DynamoActionJournal } from '../../functions/aws/dynamo/action-journal.js';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { GovernanceTable, type Item } from '../../functions/aws/dynamo/governance-table.js';
import { entryHash } from '../../functions/core/audit/chain.js';
import { verifyAudit } from '../../functions/core/audit/verify-audit.js';
import type { TamperKind } from '../../functions/core/audit/verify-stream.js';
import { ITEM_KEY, PARTITION } from '../../functions/core/shared/table-keys.js';
import { localWarden } from '../integration/local-aws.js';
import { reportFigures } from './report-figures.js';

// Each case writes a five-entry chain for an account of its own through the real action journal,
// tampers with the table as someone with write access to it would, and expects `verifyAudit`
// (what `warden audit verify` runs) to name the kind of change and where it is.

const POOL = 'us-east-1_TamperPool';
const ENTRIES = 5;

let table: GovernanceTable;
let audit: DynamoAuditLog;

/** The stored items of one account's stream, in chain order. */
async function stream(username: string): Promise<Item[]> {
  const { entries } = await audit.readStream({ source: POOL, username });
  return entries.map((e) => e.stored).sort((a, b) => (a.seq as number) - (b.seq as number));
}

async function writeChain(username: string): Promise<void> {
  const journal = new DynamoActionJournal(table);
  for (let i = 1; i <= ENTRIES; i++) {
    const intent = {
      actionId: `${username}-a${i}`,
      runId: `run-${i}`,
      kind: 'disable' as const,
      source: POOL,
      username,
      accountKey: `sub-${username}`,
      reason: `change ${i}`,
      at: new Date(Date.UTC(2026, 0, i)),
    };
    await journal.beginAction(intent);
    await journal.completeAction(intent, { ok: true, at: new Date(Date.UTC(2026, 0, i, 1)) });
  }
}

const put = (item: Item) => table.db.send(new PutCommand({ TableName: table.name, Item: item }));
const remove = (item: Item) =>
  table.db.send(new DeleteCommand({ TableName: table.name, Key: { pk: item.pk, sk: item.sk } }));
const nth = async (username: string, position: number) =>
  (await stream(username))[position - 1] as Item;

interface TamperCase {
  name: string;
  tamper(username: string): Promise<unknown>;
  /** What verification must report: the kind, and the position (null: none can be named). */
  expect: { kind: TamperKind; position: number | null }[];
}

const CASES: TamperCase[] = [
  {
    name: 'a reason edited',
    tamper: async (u) => put({ ...(await nth(u, 3)), reason: 'nothing happened' }),
    expect: [{ kind: 'edited', position: 3 }],
  },
  {
    name: 'a time edited',
    tamper: async (u) => put({ ...(await nth(u, 2)), at: '2020-01-01T00:00:00.000Z' }),
    expect: [{ kind: 'edited', position: 2 }],
  },
  {
    name: 'an entry edited and its hash recomputed',
    tamper: async (u) => {
      const edited = { ...(await nth(u, 3)), reason: 'nothing happened' };
      await put({ ...edited, hash: entryHash(edited) });
    },
    expect: [{ kind: 'edited', position: 3 }],
  },
  {
    name: 'an entry deleted in the middle',
    tamper: async (u) => remove(await nth(u, 3)),
    expect: [{ kind: 'deleted', position: 3 }],
  },
  {
    name: 'the newest entry deleted',
    tamper: async (u) => remove(await nth(u, ENTRIES)),
    expect: [{ kind: 'deleted', position: ENTRIES }],
  },
  {
    name: 'every entry deleted',
    tamper: async (u) => {
      for (const item of await stream(u)) await remove(item);
    },
    expect: [{ kind: 'deleted', position: 1 }],
  },
  {
    name: 'two entries reordered',
    tamper: async (u) => {
      const [, second, third] = await stream(u);
      await put({ ...(second as Item), seq: 3 });
      await put({ ...(third as Item), seq: 2 });
    },
    expect: [
      { kind: 'reordered', position: 2 },
      { kind: 'reordered', position: 3 },
    ],
  },
  {
    name: "an entry moved to another account's trail",
    tamper: async (u) => {
      const moved = await nth(u, 4);
      await remove(moved);
      await put({ ...moved, pk: PARTITION.audit(POOL, `${u}-elsewhere`) });
    },
    // Gone from its own trail; in the other, its hash (which covers the key) and links fail.
    expect: [
      { kind: 'deleted', position: 4 },
      { kind: 'edited', position: 4 },
      { kind: 'deleted', position: 1 },
      { kind: 'head', position: null },
    ],
  },
  {
    name: 'a forged entry without chain attributes',
    tamper: async (u) => {
      const { seq: _s, prevHash: _p, hash: _h, ...plain } = await nth(u, 2);
      await put({ ...plain, sk: '2026-02-01T00:00:00.000Z#forged', actionId: 'forged' });
    },
    expect: [{ kind: 'inserted', position: null }],
  },
  {
    name: 'a forged entry appended without moving the head',
    tamper: async (u) => {
      const last = await nth(u, ENTRIES);
      const forged: Item = {
        ...last,
        sk: '2026-02-01T00:00:00.000Z#forged',
        actionId: 'forged',
        seq: ENTRIES + 1,
        prevHash: last.hash,
      };
      await put({ ...forged, hash: entryHash(forged) });
    },
    expect: [{ kind: 'inserted', position: ENTRIES + 1 }],
  },
  {
    name: 'the head deleted',
    tamper: (u) => remove(ITEM_KEY.auditHead(POOL, u)),
    expect: [{ kind: 'head', position: null }],
  },
  {
    name: 'the head edited',
    tamper: async (u) => {
      await table.db.send(
        new UpdateCommand({
          TableName: table.name,
          Key: ITEM_KEY.auditHead(POOL, u),
          UpdateExpression: 'SET #hash = :forged',
          ExpressionAttributeNames: { '#hash': 'hash' },
          ExpressionAttributeValues: { ':forged': 'f'.repeat(64) },
        }),
      );
    },
    expect: [{ kind: 'head', position: ENTRIES }],
  },
];

const sorted = (problems: { kind: string; position: number | null }[]) =>
  [...problems].sort((a, b) => `${a.kind}${a.position}`.localeCompare(`${b.kind}${b.position}`));

const detected: string[] = [];
let falseAlarms = 0;

beforeAll(async () => {
  const warden = await localWarden();
  table = new GovernanceTable(documentClient(), warden.resources.table);
  audit = new DynamoAuditLog(table);
  await writeChain('untouched');
  for (let i = 0; i < CASES.length; i++) await writeChain(`case${i}`);
  const before = await verifyAudit(audit);
  expect(before).toMatchObject({ ok: true, streams: CASES.length + 1, unchained: 0 });
  expect(before.entries).toBe((CASES.length + 1) * ENTRIES);
  for (let i = 0; i < CASES.length; i++) await (CASES[i] as TamperCase).tamper(`case${i}`);
});

afterAll(() => {
  reportFigures('audit-tamper', {
    tamperCases: CASES.length,
    detected: detected.length,
    falseAlarms,
  });
});

describe('tamper-evident audit trail on the local AWS', () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))('detects %s, where it is', async (_, i) => {
    const result = await verifyAudit(audit);
    const found = result.problems
      .filter((p) => p.username === `case${i}` || p.username === `case${i}-elsewhere`)
      .map((p) => ({ kind: p.kind, position: p.position }));
    expect(sorted(found)).toEqual(sorted((CASES[i] as TamperCase).expect));
    detected.push((CASES[i] as TamperCase).name);
  });

  it('reports nothing for the account nobody touched, and says the trail is broken', async () => {
    const result = await verifyAudit(audit);
    const alarms = result.problems.filter((p) => p.username === 'untouched');
    falseAlarms = alarms.length;
    expect(alarms).toEqual([]);
    expect(result.ok).toBe(false);
  });
});
