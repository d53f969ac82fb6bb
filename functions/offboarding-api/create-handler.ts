import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { isHrIntegrationCaller } from '../core/offboarding/caller.js';
import { cancelOffboarding, moveOffboarding } from '../core/offboarding/change-offboarding.js';
import {
  OffboardingConflictError,
  OffboardingKeyReusedError,
  OffboardingNotFoundError,
} from '../core/offboarding/errors.js';
import type { OffboardingDependencies } from '../core/offboarding/execute-offboarding.js';
import { findAccounts } from '../core/offboarding/find-accounts.js';
import { hrOffboardingId, OFFBOARDING_ID, viewOf } from '../core/offboarding/offboarding.js';
import type { ApiCallAudit, ApiCallEntry } from '../core/offboarding/ports.js';
import { getOffboarding, requestOffboarding } from '../core/offboarding/request-offboarding.js';
import {
  conflict,
  headerOf,
  invalid,
  json,
  notFound,
  parseBody,
  validate,
} from '../core/shared/api-answer.js';
import { errorName } from '../core/shared/errors.js';
import { resolveMoment } from '../core/time/moment.js';
import {
  type ApiEvent,
  apiEventSchema,
  type CreateBody,
  cancelBodySchema,
  createBodySchema,
  idempotencyKeySchema,
  listQuerySchema,
  moveBodySchema,
  previewQuerySchema,
  ROUTES,
} from './api-event.js';

/** One creation, as Powertools' idempotency hashes it: the key, and the body it must match. */
export interface CreateCall {
  idempotencyKey: string;
  request: CreateBody;
  caller: string;
  callId: string;
}

export type ApiResponse = APIGatewayProxyResult;

export interface OffboardingApiDependencies {
  offboarding: OffboardingDependencies;
  calls: ApiCallAudit;
  /** The HR integration role, the only caller served. */
  hrRoleArn: string;
  /**
   * Makes creation idempotent per Idempotency-Key: the same key returns the first answer. The
   * Lambda context tells how long a call may be in progress before a retry may take it over.
   */
  idempotent(
    create: (call: CreateCall) => Promise<ApiResponse>,
    context: Context | undefined,
  ): (call: CreateCall) => Promise<ApiResponse>;
}

export const MOMENT_PROBLEM =
  'must be a real date (YYYY-MM-DD) or date-time with offset (YYYY-MM-DDThh:mm:ss+hh:mm), in the years 1900 to 2199';

type Action = ApiCallEntry['action'];

/**
 * The HR offboarding API: IAM-authorised by API Gateway, served only to the HR integration role,
 * every call audited with the caller's identity. Bad input is refused before anything changes.
 */
export function createOffboardingApiHandler(
  dependencies: () => Promise<OffboardingApiDependencies>,
) {
  return async (raw: unknown, context?: Context): Promise<ApiResponse> => {
    const parsed = apiEventSchema.safeParse(raw);
    if (!parsed.success) return invalid(['(request): malformed request']);
    const event = parsed.data;
    const deps = await dependencies();
    const caller =
      event.requestContext.identity.userArn ?? event.requestContext.identity.caller ?? 'unknown';
    const action = actionOf(event);
    const audit = (status: number, extra: Partial<ApiCallEntry> = {}) =>
      deps.calls.recordCall({
        callId: event.requestContext.requestId,
        at: deps.offboarding.clock.now(),
        caller,
        action,
        status,
        ...extra,
      });
    if (
      !isHrIntegrationCaller(event.requestContext.identity.userArn ?? undefined, deps.hrRoleArn)
    ) {
      await audit(403);
      deps.offboarding.log.warn('offboarding API call refused', { action });
      return json(403, {
        status: 'refused',
        message: 'only the HR integration role may call this API',
      });
    }
    let response: ApiResponse;
    try {
      response = await route(action, event, caller, deps, context);
    } catch (error) {
      response = errorResponse(error);
      if (response.statusCode >= 500) {
        deps.offboarding.log.warn('offboarding API call failed', {
          action,
          error: errorName(error),
        });
        await audit(response.statusCode);
        throw error;
      }
    }
    // A creation audits itself inside the idempotent call: a replay writes nothing again.
    if (!(action === 'create' && response.statusCode < 300)) {
      await audit(response.statusCode, idsOf(event, response));
    }
    return response;
  };
}

function actionOf(event: ApiEvent): Action {
  const method = event.httpMethod.toUpperCase();
  if (event.resource === ROUTES.collection) {
    if (method === 'POST') return 'create';
    if (method === 'GET') return 'list';
  }
  if (event.resource === ROUTES.preview && method === 'GET') return 'preview';
  if (event.resource === ROUTES.item) {
    if (method === 'GET') return 'status';
    if (method === 'PATCH') return 'move';
    if (method === 'DELETE') return 'cancel';
  }
  return 'unknown';
}

async function route(
  action: Action,
  event: ApiEvent,
  caller: string,
  deps: OffboardingApiDependencies,
  context: Context | undefined,
): Promise<ApiResponse> {
  const core = deps.offboarding;
  switch (action) {
    case 'create':
      return create(event, caller, deps, context);
    case 'list': {
      const query = validate(listQuerySchema, event.queryStringParameters ?? {});
      if ('problems' in query) return invalid(query.problems);
      const all = await core.store.list();
      const shown = query.value.status ? all.filter((o) => o.status === query.value.status) : all;
      return json(200, { offboardings: shown.map(viewOf) });
    }
    case 'preview': {
      const query = validate(previewQuerySchema, event.queryStringParameters ?? {});
      if ('problems' in query) return invalid(query.problems);
      const found = await findAccounts(query.value.employeeId, core.index, core.sources);
      return json(200, {
        employeeId: query.value.employeeId,
        accounts: found.linked.map((a) => ({
          source: a.source,
          username: a.username,
          enabled: a.enabled,
        })),
        flagged: found.flagged,
        warnings: found.warnings,
      });
    }
    case 'status':
      return json(200, viewOf(await getOffboarding(idOf(event), core)));
    case 'move': {
      const id = idOf(event);
      const body = validate(moveBodySchema, parseBody(event));
      if ('problems' in body) return invalid(body.problems);
      const at = resolveMoment(body.value.effectiveAt, core.timeZone);
      if (!at) return invalid([`effectiveAt: ${MOMENT_PROBLEM}`]);
      return json(200, viewOf(await moveOffboarding(id, at, caller, core)));
    }
    case 'cancel': {
      const id = idOf(event);
      const body = validate(cancelBodySchema, parseBody(event));
      if ('problems' in body) return invalid(body.problems);
      return json(200, viewOf(await cancelOffboarding(id, body.value.reason, caller, core)));
    }
    default:
      return notFound('no such route');
  }
}

function create(
  event: ApiEvent,
  caller: string,
  deps: OffboardingApiDependencies,
  context: Context | undefined,
): Promise<ApiResponse> {
  const key = validate(idempotencyKeySchema, headerOf(event, 'idempotency-key'), 'Idempotency-Key');
  const body = validate(createBodySchema, parseBody(event));
  const problems = [
    ...('problems' in key
      ? key.problems.map((p) => p.replace(/^\(root\)/, 'Idempotency-Key'))
      : []),
    ...('problems' in body ? body.problems : []),
  ];
  if ('value' in body && body.value.effectiveAt !== undefined) {
    if (!resolveMoment(body.value.effectiveAt, deps.offboarding.timeZone))
      problems.push(`effectiveAt: ${MOMENT_PROBLEM}`);
  }
  if (problems.length > 0 || !('value' in key) || !('value' in body))
    return Promise.resolve(invalid(problems));
  const perform = deps.idempotent(async (call: CreateCall) => {
    const core = deps.offboarding;
    const request = call.request;
    const offboarding = await requestOffboarding(
      {
        id: hrOffboardingId(call.idempotencyKey),
        employeeId: request.employeeId,
        effectiveAt: request.effectiveAt
          ? resolveMoment(request.effectiveAt, core.timeZone)
          : undefined,
        reason: request.reason,
        requestedBy: request.requestedBy,
        caller: call.caller,
        origin: 'hr',
      },
      core,
    );
    await deps.calls.recordCall({
      callId: call.callId,
      at: core.clock.now(),
      caller: call.caller,
      action: 'create',
      status: 201,
      offboardingId: offboarding.id,
      employeeId: offboarding.employeeId,
    });
    return json(201, viewOf(offboarding));
  }, context);
  return perform({
    idempotencyKey: key.value,
    request: body.value,
    caller,
    callId: event.requestContext.requestId,
  });
}

function errorResponse(error: unknown): ApiResponse {
  if (error instanceof OffboardingNotFoundError) return notFound(error.message);
  if (error instanceof OffboardingConflictError) return conflict(error.message);
  if (error instanceof IdempotencyValidationError || error instanceof OffboardingKeyReusedError)
    return json(422, {
      status: 'invalid',
      message: 'this Idempotency-Key was used with a different request body',
    });
  if (error instanceof IdempotencyAlreadyInProgressError)
    return conflict('a request with this Idempotency-Key is still in progress; retry shortly');
  return json(500, { status: 'error', message: 'internal error' });
}

function idOf(event: ApiEvent): string {
  const id = event.pathParameters?.id ?? '';
  if (!OFFBOARDING_ID.test(id)) throw new OffboardingNotFoundError(id.slice(0, 40));
  return id;
}

function idsOf(event: ApiEvent, response: ApiResponse): Partial<ApiCallEntry> {
  const id = event.pathParameters?.id;
  if (id && OFFBOARDING_ID.test(id)) return { offboardingId: id };
  if (response.statusCode === 200 && event.resource === ROUTES.preview)
    return { employeeId: event.queryStringParameters?.employeeId };
  return {};
}
