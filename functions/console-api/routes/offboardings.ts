import { actorOf } from '../../core/console/staff.js';
import { cancelOffboarding, moveOffboarding } from '../../core/offboarding/change-offboarding.js';
import { OffboardingNotFoundError } from '../../core/offboarding/errors.js';
import type { OffboardingDependencies } from '../../core/offboarding/execute-offboarding.js';
import { findAccounts } from '../../core/offboarding/find-accounts.js';
import { hrOffboardingId, OFFBOARDING_ID, viewOf } from '../../core/offboarding/offboarding.js';
import { getOffboarding, requestOffboarding } from '../../core/offboarding/request-offboarding.js';
import { headerOf, invalid, json, validate } from '../../core/shared/api-answer.js';
import { instantOfWallClock } from '../../core/time/moment.js';
import {
  createOffboardingSchema,
  moveOffboardingSchema,
  offboardingListSchema,
  previewSchema,
  reasonSchema,
  type ZonedMoment,
} from '../api-event.js';
import type { ConsoleCall, RouteHandler, RouteResult } from '../console-call.js';

type Deps = { offboarding: OffboardingDependencies };

/** The Idempotency-Key the console sends with each confirmed offboarding (a fresh UUID). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;

/** The instant HR chose, or the problem with it (a time the zone skips names no instant). */
function instantOf(moment: ZonedMoment): Date | string {
  return (
    instantOfWallClock(moment.localDateTime, moment.timeZone) ??
    `effectiveAt.localDateTime: ${moment.localDateTime} does not exist in ${moment.timeZone} (clocks change then, or the date is not real)`
  );
}

function idOf(call: ConsoleCall): string {
  const id = call.parameters.id ?? '';
  if (!OFFBOARDING_ID.test(id)) throw new OffboardingNotFoundError(id.slice(0, 40));
  return id;
}

const list: RouteHandler<Deps> = async (call, { offboarding }) => {
  const query = validate(offboardingListSchema, call.query, '(query)');
  if ('problems' in query) return { answer: invalid(query.problems) };
  const all = await offboarding.store.list();
  const shown = query.value.status ? all.filter((o) => o.status === query.value.status) : all;
  // Soonest first: what HR acts on next is at the top.
  shown.sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime());
  return { answer: json(200, { offboardings: shown.map(viewOf), timeZone: offboarding.timeZone }) };
};

const preview: RouteHandler<Deps> = async (call, { offboarding }) => {
  const query = validate(previewSchema, call.query, '(query)');
  if ('problems' in query) return { answer: invalid(query.problems) };
  const { employeeId } = query.value;
  const found = await findAccounts(employeeId, offboarding.index, offboarding.sources);
  return {
    target: employeeId,
    answer: json(200, {
      employeeId,
      accounts: found.linked.map((a) => ({
        source: a.source,
        username: a.username,
        enabled: a.enabled,
      })),
      flagged: found.flagged,
      warnings: found.warnings,
    }),
  };
};

/**
 * Offboards now or at the chosen moment, through the same core as the HR API. The offboarding's id
 * follows from the console's Idempotency-Key, so a retried confirmation finds the first one.
 */
const create: RouteHandler<Deps> = async (call, { offboarding }) => {
  const body = validate(createOffboardingSchema, call.body);
  const key = headerOf(call.event, 'idempotency-key');
  const problems = 'problems' in body ? [...body.problems] : [];
  if (!key || !IDEMPOTENCY_KEY.test(key))
    problems.push('Idempotency-Key: is required: 8 to 255 printable characters, new per request');
  const at =
    'value' in body && body.value.effectiveAt ? instantOf(body.value.effectiveAt) : undefined;
  if (typeof at === 'string') problems.push(at);
  if (problems.length > 0 || !('value' in body)) return { answer: invalid(problems) };
  const actor = actorOf(call.staff);
  // A retried confirmation finds its own offboarding; another request is refused (422).
  const result = await requestOffboarding(
    {
      id: hrOffboardingId(`console:${key}`),
      employeeId: body.value.employeeId,
      effectiveAt: at as Date | undefined,
      reason: body.value.reason,
      requestedBy: actor,
      caller: actor,
      origin: 'hr',
    },
    offboarding,
  );
  return { target: result.id, answer: json(201, viewOf(result)) };
};

const status: RouteHandler<Deps> = async (call, { offboarding }) => {
  const id = idOf(call);
  return { target: id, answer: json(200, viewOf(await getOffboarding(id, offboarding))) };
};

const move: RouteHandler<Deps> = async (call, { offboarding }): Promise<RouteResult> => {
  const id = idOf(call);
  const body = validate(moveOffboardingSchema, call.body);
  if ('problems' in body) return { target: id, answer: invalid(body.problems) };
  const at = instantOf(body.value.effectiveAt);
  if (typeof at === 'string') return { target: id, answer: invalid([at]) };
  const moved = await moveOffboarding(id, at, actorOf(call.staff), offboarding);
  return { target: id, answer: json(200, viewOf(moved)) };
};

const cancel: RouteHandler<Deps> = async (call, { offboarding }) => {
  const id = idOf(call);
  const body = validate(reasonSchema, call.body);
  if ('problems' in body) return { target: id, answer: invalid(body.problems) };
  const cancelled = await cancelOffboarding(
    id,
    body.value.reason,
    actorOf(call.staff),
    offboarding,
  );
  return { target: id, answer: json(200, viewOf(cancelled)) };
};

export const offboardingRoutes = {
  'offboarding.list': list,
  'offboarding.preview': preview,
  'offboarding.create': create,
  'offboarding.status': status,
  'offboarding.move': move,
  'offboarding.cancel': cancel,
};
