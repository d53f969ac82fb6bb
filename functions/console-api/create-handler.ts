import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ReviewServices } from '../aws/review-services.js';
import type { ConsoleAudit } from '../core/console/ports.js';
import { type ConsoleRouteId, routeOf } from '../core/console/routes.js';
import { may, staffFromClaims } from '../core/console/staff.js';
import {
  OffboardingConflictError,
  OffboardingKeyReusedError,
  OffboardingNotFoundError,
} from '../core/offboarding/errors.js';
import type { OffboardingDependencies } from '../core/offboarding/execute-offboarding.js';
import { NotFoundError, RestoreRefusedError, RunNotFoundError } from '../core/review/errors.js';
import { conflict, invalid, json, notFound, parseBody } from '../core/shared/api-answer.js';
import { errorName, InvalidInputError, ReviewError } from '../core/shared/errors.js';
import { consoleEventSchema } from './api-event.js';
import type { RouteHandler, RouteResult } from './console-call.js';
import { me } from './routes/me.js';
import { offboardingRoutes } from './routes/offboardings.js';
import { peopleRoutes } from './routes/people.js';
import { runRoutes } from './routes/runs.js';

export interface ConsoleApiDependencies {
  /** The HR offboarding core, as the offboarding API and executor use it. */
  offboarding: OffboardingDependencies;
  /** The review capability: runs, reports, quarantine decisions, people, restores, sign-ins. */
  review: ReviewServices;
  calls: ConsoleAudit;
}

const ROUTES: Record<ConsoleRouteId, RouteHandler<ConsoleApiDependencies>> = {
  me,
  ...offboardingRoutes,
  ...runRoutes,
  ...peopleRoutes,
};

/**
 * The console API. API Gateway's Cognito authoriser has verified the staff member's token; this
 * function decides what their roles allow, per route, and refuses the rest with 403. Every call is
 * audited with the staff member's identity, refused ones included; logs carry only the route, the
 * status and the staff member's immutable id.
 */
export function createConsoleApiHandler(dependencies: () => Promise<ConsoleApiDependencies>) {
  return async (raw: unknown): Promise<APIGatewayProxyResult> => {
    const parsed = consoleEventSchema.safeParse(raw);
    if (!parsed.success) return invalid(['(request): malformed request']);
    const event = parsed.data;
    const staff = staffFromClaims(event.requestContext.authorizer?.claims ?? {});
    if (!staff) return json(401, { status: 'unauthorised', message: 'sign in again' });
    const deps = await dependencies();
    const { clock, log } = deps.offboarding;
    const route = routeOf(event.httpMethod, event.resource);
    const audit = (status: number, target?: string) =>
      deps.calls.recordCall({
        callId: event.requestContext.requestId,
        at: clock.now(),
        actor: staff.username,
        sub: staff.sub,
        route: route?.id ?? 'unknown',
        status,
        ...(target ? { target } : {}),
      });
    if (!route) {
      await audit(404);
      return notFound('no such route');
    }
    if (route.permission && !may(staff, route.permission)) {
      await audit(403);
      log.warn('console call refused', { route: route.id, sub: staff.sub });
      return json(403, {
        status: 'refused',
        message: `your roles do not allow this (${route.permission})`,
      });
    }
    let result: RouteResult;
    try {
      result = await ROUTES[route.id](
        {
          staff,
          event,
          parameters: event.pathParameters ?? {},
          query: event.queryStringParameters ?? {},
          body: parseBody(event),
        },
        deps,
      );
    } catch (error) {
      result = { answer: errorAnswer(error) };
      if (result.answer.statusCode >= 500) {
        log.warn('console call failed', { route: route.id, error: errorName(error) });
        await audit(result.answer.statusCode);
        throw error;
      }
    }
    await audit(result.answer.statusCode, result.target);
    return result.answer;
  };
}

function errorAnswer(error: unknown) {
  if (
    error instanceof OffboardingNotFoundError ||
    error instanceof RunNotFoundError ||
    error instanceof NotFoundError
  )
    return notFound(error.message);
  if (error instanceof RestoreRefusedError)
    return json(409, {
      status: 'refused',
      message: error.message,
      needsOverride: error.needsOverride,
    });
  if (error instanceof OffboardingKeyReusedError) return json(422, { message: error.message });
  if (error instanceof OffboardingConflictError || error instanceof ReviewError)
    return conflict(error.message);
  if (error instanceof InvalidInputError) return invalid(error.problems);
  return json(500, { status: 'error', message: 'internal error' });
}
