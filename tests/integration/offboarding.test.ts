import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  GetScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { DynamoAccessEndRegister } from '../../functions/aws/dynamo/access-end-register.js';
import { DynamoAuditLog } from '../../functions/aws/dynamo/audit-log.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoApiCallAudit } from '../../functions/aws/dynamo/offboarding-calls.js';
import { DynamoOffboardingStore } from '../../functions/aws/dynamo/offboarding-store.js';
import { feedOffboardingId } from '../../functions/core/offboarding/offboarding.js';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import { ITEM_KEY } from '../../functions/core/shared/table-keys.js';
import {
  type ApiCall,
  fireDueSchedules,
  localOffboardingApi,
} from '../../local/local-offboarding.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { createGovernedPool } from '../../local/provision.js';
import { listedUser, seedUsers, setPassword, uploadFeed } from '../../local/seed.js';
import { FixedClock } from '../unit/fakes/memory-services.js';
import { localWarden } from './local-aws.js';

const ZONE = 'America/Mexico_City';
const PASSWORD = 'Offboarding-Pa55word!';
const ROSTER = [
  'employee_id,email,display_name,status,last_day',
  'E10001,mariana.ruiz@presidencia.example,Mariana Ruiz,active,',
  'E10002,citlali.tapia@presidencia.example,Citlali Tapia,active,',
  'E10003,raquel.rivera@presidencia.example,Raquel Rivera,active,',
  'E10004,gabriela.cruz@presidencia.example,Gabriela Cruz,active,',
  'E10005,luis.ortega@presidencia.example,Luis Ortega,active,',
  'E10006,lucia.ortega@presidencia.example,Lucia Ortega,active,',
  'E10007,teresa.ramirez@presidencia.example,Teresa Ramirez,active,',
  'E10008,nayeli.ortiz@presidencia.example,Nayeli Ortiz,active,',
];
const user = listedUser;

let warden: LocalWarden;
let accred: { userPoolId: string; clientId: string };
let config: Record<string, unknown>;
let table: GovernanceTable;
const clock = new FixedClock(new Date('2026-12-01T18:00:00Z'));
let api: ApiCall;
const scheduler = new SchedulerClient({});
let n = 0;
const key = () => `test-key-${++n}-${Date.now()}`;

beforeAll(async () => {
  warden = await localWarden();
  const { resources } = warden;
  accred = await createGovernedPool(warden.cognito, `${resources.table}-accreditation`);
  await seedUsers(warden.cognito, resources.userPoolId, [
    user('mariana.ruiz', 'mariana.ruiz@presidencia.example', 'E10001'),
    user('citlali.tapia', 'citlali.tapia@presidencia.example', 'E10002'),
    user('raquel.rivera', 'raquel.rivera@presidencia.example', 'E10003'),
    user('gabriela.cruz', 'gabriela.cruz@presidencia.example', 'E10004'),
    user('luis.ortega', 'luis.ortega@presidencia.example', 'E10005'),
    user('l.ortega-admin', 'lucia.ortega@presidencia.example', 'E10005'),
    user('teresa.ramirez', 'teresa.ramirez@presidencia.example', 'E10007'),
    user('nayeli.ortiz', 'nayeli.ortiz@presidencia.example', 'E10008'),
  ]);
  await seedUsers(warden.cognito, accred.userPoolId, [
    user('mruiz', 'mariana.ruiz@presidencia.example', 'E10001'),
    user('ctapia', 'citlali.tapia@presidencia.example', 'E10002'),
    user('rrivera', 'raquel.rivera@presidencia.example', 'E10003'),
  ]);
  config = {
    accountSources: [{ userPoolId: resources.userPoolId }, { userPoolId: accred.userPoolId }],
    dryRun: false,
    feed: { timeZone: ZONE },
    guard: { maxDisablePercent: 50 },
  };
  await uploadFeed(warden.s3, resources.feedBucket, DEFAULT_FEED_KEY, ROSTER.join('\n'));
  // The run that builds the account index.
  expect((await warden.invokeReconcile({}, config)).status).toBe('completed');
  table = new GovernanceTable(documentClient(), resources.table);
  api = localOffboardingApi(resources, config, clock);
});

const enabled = async (userPoolId: string, username: string) =>
  (
    await warden.cognito.send(
      new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }),
    )
  ).Enabled;
const create = (body: Record<string, unknown>, idempotencyKey = key()) =>
  api('POST', '/offboardings', { body, headers: { 'Idempotency-Key': idempotencyKey } });
const schedulesOf = async () =>
  (await scheduler.send(new ListSchedulesCommand({ GroupName: warden.resources.scheduleGroup })))
    .Schedules ?? [];
const asHr = { reason: 'resigned', requestedBy: 'hr.person@presidencia.example' };

describe('HR offboarding on the local AWS', () => {
  it('now: every account in both pools is signed out and disabled, and the password no longer works', async () => {
    const { userPoolId, clientId } = warden.resources;
    await setPassword(warden.cognito, userPoolId, 'mariana.ruiz', PASSWORD);
    const before = await warden.cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'mariana.ruiz', PASSWORD },
      }),
    );
    const refreshToken = before.AuthenticationResult?.RefreshToken as string;
    expect(refreshToken).toBeTruthy();

    const response = await create({ employeeId: 'E10001', ...asHr });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'done',
      accounts: [
        { source: userPoolId, username: 'mariana.ruiz', outcome: 'disabled' },
        { source: accred.userPoolId, username: 'mruiz', outcome: 'disabled' },
      ],
    });
    expect(await enabled(userPoolId, 'mariana.ruiz')).toBe(false);
    expect(await enabled(accred.userPoolId, 'mruiz')).toBe(false);
    expect(await enabled(userPoolId, 'citlali.tapia')).toBe(true);
    // Signed out: the refresh token from before is dead.
    await expect(
      warden.cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
    ).rejects.toThrow();
    // Disabled: the password is refused.
    await expect(
      warden.cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId: userPoolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'mariana.ruiz', PASSWORD },
        }),
      ),
    ).rejects.toThrow(/disabled/i);
    const audit = new DynamoAuditLog(table);
    expect(await audit.listAudit(userPoolId, 'mariana.ruiz')).toHaveLength(1);
    expect(await audit.listAudit(accred.userPoolId, 'mruiz')).toHaveLength(1);
    const ends = new DynamoAccessEndRegister(table);
    expect(await ends.accessEndsAt(accred.userPoolId, 'mruiz')).toEqual(clock.now());

    // The feed still lists her as active: a run keeps the accounts disabled, names the offboarding,
    // and leaves the offboarding's access end in place.
    const run = await warden.invokeReconcile({}, config);
    const report = JSON.parse(await warden.readObject(run.reports?.json as string));
    expect(
      report.findings.find((f: { username: string }) => f.username === 'mariana.ruiz'),
    ).toMatchObject({ situation: 'leaver_disabled', offboardingId: response.body.id });
    expect(await enabled(userPoolId, 'mariana.ruiz')).toBe(false);
    expect(await ends.accessEndsAt(accred.userPoolId, 'mruiz')).toEqual(clock.now());
  });

  it('at a moment: one schedule, at() in the zone; firing it offboards; the access end is set at once', async () => {
    const response = await create({ employeeId: 'E10002', effectiveAt: '2026-12-10', ...asHr });
    expect(response.body).toMatchObject({
      status: 'scheduled',
      effectiveAt: '2026-12-11T06:00:00.000Z',
    });
    const id = response.body.id as string;
    const mine = (await schedulesOf()).filter((s) => s.Name === `offboarding-${id}`);
    expect(mine).toHaveLength(1);
    const schedule = await scheduler.send(
      new GetScheduleCommand({
        Name: `offboarding-${id}`,
        GroupName: warden.resources.scheduleGroup,
      }),
    );
    expect(schedule).toMatchObject({
      ScheduleExpression: 'at(2026-12-11T00:00:00)',
      ScheduleExpressionTimezone: ZONE,
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: expect.objectContaining({
        Arn: warden.resources.executorArn,
        Input: JSON.stringify({ offboardingId: id }),
        RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: expect.any(Number) }),
        DeadLetterConfig: { Arn: warden.resources.offboardingDeadLetterArn },
      }),
    });
    const ends = new DynamoAccessEndRegister(table);
    expect(await ends.accessEndsAt(warden.resources.userPoolId, 'citlali.tapia')).toEqual(
      new Date('2026-12-11T06:00:00Z'),
    );
    const early = new FixedClock(new Date('2026-12-11T05:59:00Z'));
    expect(await fireDueSchedules(warden.resources, config, early)).toEqual([]);
    expect(await enabled(warden.resources.userPoolId, 'citlali.tapia')).toBe(true);

    const onTime = new FixedClock(new Date('2026-12-11T06:00:30Z'));
    const fired = await fireDueSchedules(warden.resources, config, onTime);
    expect(fired.map((f) => [f.name, f.result?.status])).toEqual([[`offboarding-${id}`, 'done']]);
    expect(await enabled(warden.resources.userPoolId, 'citlali.tapia')).toBe(false);
    expect(await enabled(accred.userPoolId, 'ctapia')).toBe(false);
    expect((await schedulesOf()).some((s) => s.Name === `offboarding-${id}`)).toBe(false);
    expect((await api('GET', '/offboardings/{id}', { id })).body.status).toBe('done');
  });

  it('moves and cancels a scheduled offboarding', async () => {
    const { body } = await create({
      employeeId: 'E10003',
      effectiveAt: '2026-12-20T09:00:00-06:00',
      ...asHr,
    });
    const id = body.id as string;
    const moved = await api('PATCH', '/offboardings/{id}', {
      id,
      body: { effectiveAt: '2027-01-05' },
    });
    expect(moved).toMatchObject({ status: 200, body: { effectiveAt: '2027-01-06T06:00:00.000Z' } });
    const schedule = await scheduler.send(
      new GetScheduleCommand({
        Name: `offboarding-${id}`,
        GroupName: warden.resources.scheduleGroup,
      }),
    );
    expect(schedule.ScheduleExpression).toBe('at(2027-01-06T00:00:00)');
    const pending = await api('GET', '/offboardings', { query: { status: 'scheduled' } });
    expect(pending.body.offboardings).toContainEqual(expect.objectContaining({ id }));

    const cancelled = await api('DELETE', '/offboardings/{id}', {
      id,
      body: { reason: 'rehired' },
    });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect((await schedulesOf()).some((s) => s.Name === `offboarding-${id}`)).toBe(false);
    expect(
      await new DynamoAccessEndRegister(table).accessEndsAt(
        warden.resources.userPoolId,
        'raquel.rivera',
      ),
    ).toBeUndefined();
    expect(await enabled(accred.userPoolId, 'rrivera')).toBe(true);
  });

  it('a duplicate request changes nothing and writes no second audit', async () => {
    const idempotencyKey = key();
    const first = await create({ employeeId: 'E10004', ...asHr }, idempotencyKey);
    const again = await create({ employeeId: 'E10004', ...asHr }, idempotencyKey);
    expect(again).toEqual(first);
    expect(
      await new DynamoAuditLog(table).listAudit(warden.resources.userPoolId, 'gabriela.cruz'),
    ).toHaveLength(1);
    const calls = await new DynamoApiCallAudit(table).listCalls('2026-12-01');
    expect(calls.filter((c) => c.offboardingId === first.body.id)).toHaveLength(1);
    // The same key with another body is refused.
    const other = await create({ employeeId: 'E10007', ...asHr }, idempotencyKey);
    expect(other.status).toBe(422);
    expect(await enabled(warden.resources.userPoolId, 'teresa.ramirez')).toBe(true);
  });

  it('refuses an unauthorised caller with 403 and audits the call with its identity', async () => {
    const intruder = 'arn:aws:sts::000000000000:assumed-role/developer/alice';
    const response = await api('POST', '/offboardings', {
      body: { employeeId: 'E10007', ...asHr },
      headers: { 'Idempotency-Key': key() },
      caller: intruder,
    });
    expect(response.status).toBe(403);
    const calls = await new DynamoApiCallAudit(table).listCalls('2026-12-01');
    expect(calls).toContainEqual(
      expect.objectContaining({ caller: intruder, status: 403, action: 'create' }),
    );
    expect(await enabled(warden.resources.userPoolId, 'teresa.ramirez')).toBe(true);
  });

  it('refuses every bad input and changes nothing', async () => {
    const store = new DynamoOffboardingStore(table);
    const before = (await store.list()).length;
    const schedules = (await schedulesOf()).length;
    const bad = [
      [{ employeeId: 'E10007', reason: 'x' }, /requestedBy: is required/],
      [{ employeeId: 'E 7', ...asHr }, /employeeId: /],
      [
        { employeeId: 'E10007', effectiveAt: '2026-02-30', ...asHr },
        /effectiveAt: must be a real date/,
      ],
      [{ employeeId: 'E10007', effectiveAt: 'soon', ...asHr }, /effectiveAt: /],
    ] as const;
    for (const [body, problem] of bad) {
      const response = await create(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((response.body.problems as string[]).join('\n')).toMatch(problem);
    }
    const done =
      (await store.list()).find((o) => o.status === 'done') ??
      (await create({ employeeId: 'E10008', ...asHr })).body;
    const conflict = await api('DELETE', '/offboardings/{id}', {
      id: done.id as string,
      body: { reason: 'mistake' },
    });
    expect(conflict.status).toBe(409);
    expect(
      (await store.list()).filter((o) => o.status === 'cancelled' && o.id === done.id),
    ).toEqual([]);
    expect((await store.list()).length).toBeLessThanOrEqual(before + 1);
    expect((await schedulesOf()).length).toBe(schedules);
    expect(await enabled(warden.resources.userPoolId, 'teresa.ramirez')).toBe(true);
  });

  it('never acts on an account whose keys point at two people', async () => {
    // l.ortega-admin carries E10005 but Lucia Ortega's (E10006) email: the run found it disputed.
    const response = await create({ employeeId: 'E10006', ...asHr });
    expect(response.body.accounts).toEqual([]);
    expect(response.body.flagged).toEqual([
      expect.objectContaining({ username: 'l.ortega-admin' }),
    ]);
    expect(await enabled(warden.resources.userPoolId, 'l.ortega-admin')).toBe(true);
  });
});

describe('future leavers from the feed', () => {
  it('an applied run schedules a future leaver, then moves and cancels the schedule as the feed changes', async () => {
    const { resources } = warden;
    const withLeaver = (lastDay: string) =>
      ROSTER.map((row) =>
        row.startsWith('E10007,')
          ? `E10007,teresa.ramirez@presidencia.example,Teresa,leaver,${lastDay}`
          : row,
      ).join('\n');
    const run = async (roster: string, dryRun = false) => {
      await uploadFeed(warden.s3, resources.feedBucket, 'feeds/future.csv', roster);
      return warden.invokeReconcile({ feed: { key: 'feeds/future.csv' }, dryRun }, config);
    };
    const teresa = async () =>
      (await schedulesOf()).filter((s) => s.Name?.startsWith('offboarding-lv-'));

    const dry = await run(withLeaver('2036-12-31'), true);
    const dryReport = JSON.parse(await warden.readObject(dry.reports?.json as string));
    expect(dryReport.offboardings.feedSchedules).toEqual([
      expect.objectContaining({ employeeId: 'E10007', change: 'create', applied: false }),
    ]);
    expect(await teresa()).toEqual([]);

    const applied = await run(withLeaver('2036-12-31'));
    const report = JSON.parse(await warden.readObject(applied.reports?.json as string));
    expect(report.offboardings.pending).toContainEqual(
      expect.objectContaining({
        employeeId: 'E10007',
        origin: 'feed',
        effectiveAt: '2037-01-01T06:00:00.000Z',
      }),
    );
    const [schedule] = await teresa();
    const detail = await scheduler.send(
      new GetScheduleCommand({
        Name: schedule?.Name as string,
        GroupName: resources.scheduleGroup,
      }),
    );
    expect(detail.ScheduleExpression).toBe('at(2037-01-01T00:00:00)');

    // Dry-runs that would move, then cancel, it leave the schedule and its record as they were.
    const store = new DynamoOffboardingStore(table);
    const recordBefore = await store.get(feedOffboardingId('E10007'));
    expect(recordBefore?.status).toBe('scheduled');
    for (const [roster, change] of [
      [withLeaver('2037-03-15'), 'move'],
      [ROSTER.join('\n'), 'cancel'],
    ] as const) {
      const preview = await run(roster, true);
      const previewReport = JSON.parse(await warden.readObject(preview.reports?.json as string));
      expect(previewReport.offboardings.feedSchedules).toEqual([
        expect.objectContaining({ employeeId: 'E10007', change, applied: false }),
      ]);
      const unchanged = await scheduler.send(
        new GetScheduleCommand({
          Name: schedule?.Name as string,
          GroupName: resources.scheduleGroup,
        }),
      );
      expect(unchanged.ScheduleExpression).toBe('at(2037-01-01T00:00:00)');
      expect(await store.get(feedOffboardingId('E10007'))).toEqual(recordBefore);
    }

    await run(withLeaver('2037-03-15'));
    const moved = await scheduler.send(
      new GetScheduleCommand({
        Name: schedule?.Name as string,
        GroupName: resources.scheduleGroup,
      }),
    );
    expect(moved.ScheduleExpression).toBe('at(2037-03-16T00:00:00)');
    expect(await teresa()).toHaveLength(1);

    await run(ROSTER.join('\n'));
    expect(await teresa()).toEqual([]);
    expect(await enabled(resources.userPoolId, 'teresa.ramirez')).toBe(true);
  });
});

describe('access ends recorded by an offboarding', () => {
  it('survive a full-roster reconciliation, which replaces only its own; cancelling removes them', async () => {
    const ends = new DynamoAccessEndRegister(table);
    const pool = warden.resources.userPoolId;
    const at = new Date('2026-12-24T06:00:00Z');
    await ends.recordAccessEnds(
      pool,
      new Map([['someone', new Date('2027-01-01T00:00:00Z')]]),
      true,
    );
    await ends.recordOffboardingEnd(pool, 'someone', 'ob-0123456789abcdef01234567', at);
    expect(await ends.accessEndsAt(pool, 'someone')).toEqual(at);
    // A rehire in the roster: the run's own entry goes, the offboarding's stays.
    await ends.recordAccessEnds(pool, new Map(), true);
    expect(await ends.accessEndsAt(pool, 'someone')).toEqual(at);
    await ends.removeOffboardingEnd(pool, 'someone', 'ob-0123456789abcdef01234567');
    expect(await ends.accessEndsAt(pool, 'someone')).toBeUndefined();
  });
});

describe('the account index a reconciliation keeps', () => {
  type Written = { pk?: string };
  type Input = {
    Item?: Written;
    Key?: Written;
    RequestItems?: Record<
      string,
      { PutRequest?: { Item: Written }; DeleteRequest?: { Key: Written } }[]
    >;
  };
  /** The partitions of the index entries (not their digests) the spied DynamoDB calls wrote. */
  const indexWrites = (spy: { mock: { calls: unknown[][] } }) =>
    spy.mock.calls.flatMap(([command]) => {
      const input = (command as { input: Input }).input;
      const written = [
        input.Item,
        command instanceof DeleteCommand ? input.Key : undefined,
        ...Object.values(input.RequestItems ?? {})
          .flat()
          .map((r) => r.PutRequest?.Item ?? r.DeleteRequest?.Key),
      ];
      return written
        .map((item) => item?.pk ?? '')
        .filter((pk) => pk.startsWith('INDEX#') && pk !== 'INDEX#~digests');
    });
  const citlali = async () => (await table.get(ITEM_KEY.indexedPerson('E10002')))?.email;

  it('an unchanged run writes no entry, a dry-run none at all, and a change writes only itself', async () => {
    const run = async (roster: string[], dryRun = false) => {
      await uploadFeed(
        warden.s3,
        warden.resources.feedBucket,
        'feeds/index.csv',
        roster.join('\n'),
      );
      return warden.invokeReconcile({ feed: { key: 'feeds/index.csv' }, dryRun }, config);
    };
    const moved = ROSTER.map((row) =>
      row.replace('citlali.tapia@presidencia.example', 'c.tapia@presidencia.example'),
    );
    await run(ROSTER);
    const spy = vi.spyOn(DynamoDBDocumentClient.prototype, 'send');
    try {
      expect((await run(ROSTER)).status).toBe('completed');
      expect(indexWrites(spy)).toEqual([]);

      spy.mockClear();
      expect((await run(moved, true)).status).toBe('planned');
      expect(indexWrites(spy)).toEqual([]);
      expect(await citlali()).toBe('citlali.tapia@presidencia.example');

      spy.mockClear();
      await run(moved);
      expect(indexWrites(spy)).toEqual(['INDEX#~people']);
      expect(await citlali()).toBe('c.tapia@presidencia.example');
    } finally {
      spy.mockRestore();
      await run(ROSTER);
    }
  });
});
