import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConsoleApiDependencies,
  createConsoleApiHandler,
} from '../../../functions/console-api/create-handler.js';
import { CONSOLE_ROUTES, type ConsoleRouteId } from '../../../functions/core/console/routes.js';
import {
  hrOffboardingId,
  OFFBOARDING_STATUSES,
} from '../../../functions/core/offboarding/offboarding.js';
import { RUN_STATUSES } from '../../../functions/core/reconcile/run-record.js';
import { SITUATIONS } from '../../../functions/core/reconcile/situation.js';
import { FINDING_SORT_KEYS } from '../../../functions/core/review/findings-query.js';
import { SIGN_IN_OUTCOMES } from '../../../functions/core/review/recent-sign-ins.js';
import { authoriserClaims, consoleApiEvent } from '../../../local/console/api-gateway-event.js';
import { anyFieldSwapped, hostile, namesField, notText, oneFieldWrong } from './mutations.js';
import { propertySuite } from './property-suite.js';
import { Reached } from './reached.js';

/**
 * The console API's bodies (approve, reject, restore, offboard, move, cancel) and query strings,
 * through the API's own handler: whatever arrives is answered 400 with problems that name the
 * field, before any port is called, or it is valid and reaches the ports. Never a crash.
 */
const { checkAsync } = propertySuite('console-api-properties');

const OFFBOARDING_ID = hrOffboardingId('E01');

/** Stands for every port: reaching one means the call passed the API's parsers. */
const unreachable: object = new Proxy(() => {}, {
  get: (_, key) => (key === 'then' ? undefined : unreachable),
  apply: () => {
    throw new Reached();
  },
});
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const deps = {
  offboarding: new Proxy(
    {},
    {
      get: (_, key) =>
        key === 'clock'
          ? { now: () => new Date('2026-12-01T09:00:00Z') }
          : key === 'log'
            ? silent
            : unreachable,
    },
  ),
  review: unreachable,
  calls: { recordCall: async () => {} },
} as unknown as ConsoleApiDependencies;
const handler = createConsoleApiHandler(async () => deps);

/** Every role: no call is refused for want of a permission. */
const CLAIMS = {
  sub: 'sub-1',
  'cognito:username': 'staff-1',
  'cognito:groups': 'hr,it-admin,auditor',
};

/** A route of the table, at a concrete path where its template has parameters. */
interface RouteAt {
  id: ConsoleRouteId;
  path?: string;
  headers?: Record<string, string>;
}

/** The event API Gateway sends for a call of `route` by a staff member with every role. */
function eventFor(route: RouteAt, parts: { body?: unknown; query?: Record<string, string> }) {
  const template = CONSOLE_ROUTES.find((r) => r.id === route.id) as (typeof CONSOLE_ROUTES)[number];
  const event = consoleApiEvent(
    {
      method: template.method,
      path: route.path ?? template.path,
      query: parts.query,
      headers: route.headers,
      body: parts.body === undefined ? null : JSON.stringify(parts.body),
    },
    authoriserClaims(CLAIMS),
  );
  if (!event) throw new Error(`no console route at ${route.path}`);
  return event;
}

type Outcome = { accepted: true } | { accepted: false; status: number; problems: string[] };

/** What the API did with an event: refused it (and how), or let it reach a port. */
async function outcomeOf(event: unknown): Promise<Outcome> {
  try {
    const answer = await handler(event);
    // Anything but a refusal means a route answered without its ports: the property fails.
    expect([400, 401, 403, 404]).toContain(answer.statusCode);
    const problems = (JSON.parse(answer.body) as { problems?: string[] }).problems ?? [];
    if (answer.statusCode === 400) expect(problems.length).toBeGreaterThan(0);
    return { accepted: false, status: answer.statusCode, problems };
  } catch (error) {
    if (error instanceof Reached) return { accepted: true };
    throw error;
  }
}

const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: Math.min(max, 40) }).filter((s) => s.trim() !== '');
const employeeId = fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/);
const zonedMoment = fc.record({
  localDateTime: fc
    .date({
      min: new Date('2027-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 16)),
  timeZone: fc.constantFrom('UTC', 'Asia/Kolkata', 'Asia/Tokyo'),
});

/** Values a required text field of at most `max` characters must refuse. */
const notReason = (max: number) =>
  fc.oneof(notText, fc.constantFrom(undefined, '', '   '), fc.constant('x'.repeat(max + 1)));
const notEmployeeId = fc.oneof(
  notText,
  fc.constantFrom(undefined, '', 'E 01', 'E/01', 'x'.repeat(65)),
);
const notMoment = [
  {
    path: ['effectiveAt', 'localDateTime'],
    wrong: fc.oneof(notText, fc.constantFrom(undefined, '2027-13', '01/02/2027 10:00', '')),
  },
  {
    path: ['effectiveAt', 'timeZone'],
    wrong: fc.oneof(notText, fc.constantFrom(undefined, 'Mars/Olympus', '+01:00', '')),
  },
];
const extraKey = { path: ['extra'], wrong: fc.jsonValue().filter((v) => v !== undefined) };

const isText = (v: unknown, max: number) =>
  typeof v === 'string' && v.trim() !== '' && v.trim().length <= max;
const isMoment = (v: unknown) => {
  const m = v as { localDateTime?: unknown; timeZone?: unknown };
  return (
    typeof m === 'object' &&
    m !== null &&
    Object.keys(m).every((k) => k === 'localDateTime' || k === 'timeZone') &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(String(m.localDateTime)) &&
    typeof m.timeZone === 'string'
  );
};
const onlyKeys = (v: unknown, keys: readonly string[]) =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).every((k) => keys.includes(k));

interface BodyRoute extends RouteAt {
  valid: fc.Arbitrary<Record<string, unknown>>;
  wrong: { path: (string | number)[]; wrong: fc.Arbitrary<unknown> }[];
  /** What an accepted body must be, written apart from the API's schema. */
  isValid: (body: Record<string, unknown>) => boolean;
}

const reasonOnly = (id: ConsoleRouteId, path: string): BodyRoute => ({
  id,
  path,
  valid: fc.record({ reason: text(500) }),
  wrong: [{ path: ['reason'], wrong: notReason(500) }, extraKey],
  isValid: (b) => onlyKeys(b, ['reason']) && isText(b.reason, 500),
});

const BODY_ROUTES: BodyRoute[] = [
  reasonOnly('runs.approve', '/api/runs/r-1/approve'),
  reasonOnly('runs.reject', '/api/runs/r-1/reject'),
  reasonOnly('offboarding.cancel', `/api/offboardings/${OFFBOARDING_ID}`),
  {
    id: 'accounts.restore',
    valid: fc.record(
      {
        source: text(200),
        username: fc.string({ minLength: 1, maxLength: 128 }),
        reason: text(2000),
        overrideReason: text(2000),
      },
      { requiredKeys: ['source', 'username', 'reason'] },
    ),
    wrong: [
      { path: ['source'], wrong: notReason(200) },
      {
        path: ['username'],
        wrong: fc.oneof(notText, fc.constantFrom(undefined, '', 'u'.repeat(129))),
      },
      { path: ['reason'], wrong: notReason(2000) },
      { path: ['overrideReason'], wrong: fc.oneof(notText, fc.constantFrom('', ' ')) },
      extraKey,
    ],
    isValid: (b) =>
      onlyKeys(b, ['source', 'username', 'reason', 'overrideReason']) &&
      isText(b.source, 200) &&
      typeof b.username === 'string' &&
      b.username.length >= 1 &&
      b.username.length <= 128 &&
      isText(b.reason, 2000) &&
      (b.overrideReason === undefined || isText(b.overrideReason, 2000)),
  },
  {
    id: 'offboarding.create',
    headers: { 'Idempotency-Key': 'console-key-0001' },
    valid: fc.record(
      { employeeId, effectiveAt: zonedMoment, reason: text(500) },
      { requiredKeys: ['employeeId', 'reason'] },
    ),
    wrong: [
      { path: ['employeeId'], wrong: notEmployeeId },
      { path: ['reason'], wrong: notReason(500) },
      ...notMoment,
      extraKey,
    ],
    isValid: (b) =>
      onlyKeys(b, ['employeeId', 'effectiveAt', 'reason']) &&
      typeof b.employeeId === 'string' &&
      /^[A-Za-z0-9._:-]{1,64}$/.test(b.employeeId.trim()) &&
      isText(b.reason, 500) &&
      (b.effectiveAt === undefined || isMoment(b.effectiveAt)),
  },
  {
    id: 'offboarding.move',
    path: `/api/offboardings/${OFFBOARDING_ID}`,
    valid: fc.record({ effectiveAt: zonedMoment }),
    wrong: [
      ...notMoment,
      { path: ['effectiveAt'], wrong: fc.oneof(notText, fc.constant(undefined)) },
      extraKey,
    ],
    isValid: (b) => onlyKeys(b, ['effectiveAt']) && isMoment(b.effectiveAt),
  },
];

const int = (v: unknown, min: number, max: number) =>
  Number.isInteger(Number(v)) && Number(v) >= min && Number(v) <= max;
const among = (v: unknown, values: readonly string[]) => values.includes(String(v));
const upTo = (v: unknown, max: number) => typeof v === 'string' && v.length >= 1 && v.length <= max;

interface QueryRoute extends RouteAt {
  valid: fc.Arbitrary<Record<string, string>>;
  wrong: { path: string[]; wrong: fc.Arbitrary<unknown> }[];
  /** Each field an accepted query may hold, and what its value must be. */
  fields: Record<string, (v: string) => boolean>;
}

const query = <T extends Record<string, fc.Arbitrary<string>>>(fields: T) =>
  fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
const count = (max: number) => fc.integer({ min: 1, max }).map(String);

const QUERY_ROUTES: QueryRoute[] = [
  {
    id: 'runs.list',
    valid: query({ limit: count(200), status: fc.constantFrom(...RUN_STATUSES), after: text(200) }),
    wrong: [
      { path: ['limit'], wrong: fc.constantFrom('0', '201', '1.5', 'ten') },
      { path: ['status'], wrong: fc.constantFrom('done', 'QUARANTINED', '') },
      { path: ['after'], wrong: fc.constantFrom('', 'a'.repeat(201)) },
    ],
    fields: {
      limit: (v) => int(v, 1, 200),
      status: (v) => among(v, RUN_STATUSES),
      after: (v) => upTo(v, 200),
    },
  },
  ...(['runs.show', 'runs.findings'] as const).map(
    (id): QueryRoute => ({
      id,
      path: id === 'runs.show' ? '/api/runs/r-1' : '/api/runs/r-1/findings',
      valid: query({
        situation: fc.subarray([...SITUATIONS], { minLength: 1 }).map((s) => s.join(',')),
        pool: text(50),
        action: fc.constantFrom('disable', 'none'),
        outcome: fc.constantFrom('disabled', 'already_done', 'failed', 'not_applied'),
        search: fc.string({ maxLength: 200 }),
        sort: fc.constantFrom(...FINDING_SORT_KEYS),
        order: fc.constantFrom('asc', 'desc'),
        page: count(1_000),
        pageSize: count(1_000),
      }),
      wrong: [
        { path: ['situation'], wrong: fc.constantFrom('gone', 'leaver,gone') },
        { path: ['action'], wrong: fc.constantFrom('enable', '') },
        { path: ['sort'], wrong: fc.constantFrom('email', '') },
        { path: ['order'], wrong: fc.constantFrom('up', 'ASC') },
        { path: ['page'], wrong: fc.constantFrom('0', '-1', 'two') },
        { path: ['pageSize'], wrong: fc.constantFrom('0', '1001', '2.5') },
        { path: ['search'], wrong: fc.constant('s'.repeat(201)) },
      ],
      fields: {
        situation: (v) => v.split(',').every((s) => s.trim() === '' || among(s.trim(), SITUATIONS)),
        pool: (v) => v.length >= 1,
        action: (v) => among(v, ['disable', 'none']),
        outcome: (v) => among(v, ['disabled', 'already_done', 'failed', 'not_applied']),
        search: (v) => v.length <= 200,
        sort: (v) => among(v, FINDING_SORT_KEYS),
        order: (v) => among(v, ['asc', 'desc']),
        page: (v) => int(v, 1, Number.MAX_SAFE_INTEGER),
        pageSize: (v) => int(v, 1, 1_000),
      },
    }),
  ),
  {
    id: 'people.search',
    valid: fc.record(
      { q: text(256), by: fc.constantFrom('employeeId', 'username', 'email') },
      { requiredKeys: ['q'] },
    ),
    wrong: [
      { path: ['q'], wrong: fc.constantFrom(undefined, '', '  ', 'q'.repeat(257)) },
      { path: ['by'], wrong: fc.constantFrom('name', '') },
    ],
    fields: { q: (v) => isText(v, 256), by: (v) => among(v, ['employeeId', 'username', 'email']) },
  },
  {
    id: 'offboarding.list',
    valid: query({ status: fc.constantFrom(...OFFBOARDING_STATUSES) }),
    wrong: [{ path: ['status'], wrong: fc.constantFrom('pending', 'DONE', '') }],
    fields: { status: (v) => among(v, OFFBOARDING_STATUSES) },
  },
  {
    id: 'offboarding.preview',
    valid: fc.record({ employeeId }),
    wrong: [
      { path: ['employeeId'], wrong: fc.constantFrom(undefined, '', 'E 01', 'x'.repeat(65)) },
    ],
    fields: { employeeId: (v) => /^[A-Za-z0-9._:-]{1,64}$/.test(v.trim()) },
  },
  {
    id: 'signins.list',
    valid: query({
      limit: count(200),
      after: text(400),
      country: fc.oneof(fc.stringMatching(/^[A-Za-z]{2}$/), fc.constant('unknown')),
      rule: text(200),
      outcome: fc.constantFrom(...SIGN_IN_OUTCOMES),
      days: count(400),
    }),
    wrong: [
      { path: ['limit'], wrong: fc.constantFrom('0', '201', 'many') },
      { path: ['country'], wrong: fc.constantFrom('DEU', 'D', '12', 'nowhere') },
      { path: ['outcome'], wrong: fc.constantFrom('maybe', '') },
      { path: ['days'], wrong: fc.constantFrom('0', '401', '1.5') },
      { path: ['rule'], wrong: fc.constantFrom('', '  ') },
    ],
    fields: {
      limit: (v) => int(v, 1, 200),
      after: (v) => upTo(v, 400),
      country: (v) => /^([A-Za-z]{2}|unknown)$/.test(v.trim()),
      rule: (v) => isText(v, 200),
      outcome: (v) => among(v, SIGN_IN_OUTCOMES),
      days: (v) => int(v, 1, 400),
    },
  },
];

/** A query string as API Gateway passes one: any keys, every value text. */
/** Query names, with those a plain object treats specially (`__proto__` sets the prototype). */
const queryName = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
);

const anyQuery = <T extends Record<string, string>>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    fc.dictionary(queryName, fc.string({ maxLength: 30 }), { maxKeys: 4 }),
    valid.chain((q) =>
      fc
        .tuple(
          fc.oneof(fc.constantFrom(...Object.keys(q), 'extra'), queryName),
          fc.oneof(fc.string(), fc.constant(undefined)),
        )
        .map(([key, value]) => {
          const copy: Record<string, string> = { ...q };
          if (value === undefined) delete copy[key];
          // Defined, not assigned: `copy.__proto__ = value` would not add a key.
          else Object.defineProperty(copy, key, { value, enumerable: true, writable: true });
          return copy;
        }),
    ),
  );

describe('console API bodies', () => {
  for (const route of BODY_ROUTES) {
    it(`${route.id}: any body is refused naming a field, or is valid and reaches the ports`, async () => {
      await checkAsync(hostile(route.valid), async (body) => {
        const outcome = await outcomeOf(eventFor(route, { body }));
        if (outcome.accepted) expect(route.isValid(body as Record<string, unknown>)).toBe(true);
        else expect(outcome.status).toBe(400);
      });
    });

    it(`${route.id}: a valid body reaches the ports`, async () => {
      await checkAsync(route.valid, async (body) => {
        expect(await outcomeOf(eventFor(route, { body }))).toEqual({ accepted: true });
      });
    });

    it(`${route.id}: a valid body with one field broken is refused naming that field`, async () => {
      await checkAsync(oneFieldWrong(route.valid, route.wrong), async ({ value, path }) => {
        const outcome = await outcomeOf(eventFor(route, { body: value }));
        expect(outcome.accepted).toBe(false);
        if (!outcome.accepted) expect(namesField(outcome.problems, path)).toBe(true);
      });
    });
  }

  it('a body that is not JSON is refused as such on every route that reads one', async () => {
    const notJson = fc.string().filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return s !== '';
      }
    });
    await checkAsync(fc.tuple(fc.constantFrom(...BODY_ROUTES), notJson), async ([route, raw]) => {
      const event = { ...eventFor(route, {}), body: raw };
      const outcome = await outcomeOf(event);
      expect(outcome).toEqual({
        accepted: false,
        status: 400,
        problems: ['(body): is not valid JSON'],
      });
    });
  });
});

describe('console API query strings', () => {
  for (const route of QUERY_ROUTES) {
    it(`${route.id}: any query is refused naming a field, or is valid and reaches the ports`, async () => {
      await checkAsync(anyQuery(route.valid), async (query) => {
        const outcome = await outcomeOf(eventFor(route, { query }));
        if (!outcome.accepted) return expect(outcome.status).toBe(400);
        for (const [key, value] of Object.entries(query)) {
          expect(Object.keys(route.fields)).toContain(key);
          expect(route.fields[key]?.(value), `${key}=${value}`).toBe(true);
        }
      });
    });

    it(`${route.id}: a valid query reaches the ports`, async () => {
      await checkAsync(route.valid, async (query) => {
        expect(await outcomeOf(eventFor(route, { query }))).toEqual({
          accepted: true,
        });
      });
    });

    it(`${route.id}: a valid query with one field broken is refused naming that field`, async () => {
      await checkAsync(
        oneFieldWrong(route.valid, [...route.wrong, { path: ['extra'], wrong: fc.string() }]),
        async ({ value, path }) => {
          const outcome = await outcomeOf(
            eventFor(route, { query: value as Record<string, string> }),
          );
          expect(outcome.accepted).toBe(false);
          if (!outcome.accepted) expect(namesField(outcome.problems, path)).toBe(true);
        },
      );
    });
  }
});

describe('console API events', () => {
  const routes = [...BODY_ROUTES, ...QUERY_ROUTES];
  const valid = fc
    .constantFrom(...routes)
    .chain((route) =>
      'isValid' in route
        ? route.valid.map((body) => eventFor(route, { body }))
        : route.valid.map((query) => eventFor(route, { query })),
    );

  it('any event is refused (400, 401, 403, 404) or reaches the ports; never a crash', async () => {
    await checkAsync(hostile(valid), async (event) => {
      await outcomeOf(event);
    });
  });

  it('any event with one field swapped at any depth is answered without a crash', async () => {
    await checkAsync(anyFieldSwapped(valid), async (event) => {
      await outcomeOf(event);
    });
  });
});
