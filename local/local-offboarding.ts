import { randomUUID } from 'node:crypto';
import {
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { systemClock } from '../functions/aws/system.js';
import { instantOfAt } from '../functions/core/offboarding/schedule.js';
import type { Clock } from '../functions/core/shared/clock.js';
import { createOffboardingApiHandler } from '../functions/offboarding-api/create-handler.js';
import { offboardingApiDependencies } from '../functions/offboarding-api/dependencies.js';
import { createExecutorHandler } from '../functions/offboarding-executor/create-handler.js';
import { executorDependencies } from '../functions/offboarding-executor/dependencies.js';
import type { ExecutorResponse } from '../functions/offboarding-executor/executor-event.js';
import { localLambdaContext } from './lambda-context.js';
import { LOCAL_ACCOUNT, type LocalResources, offboardingEnvironment } from './provision.js';

/** The caller the local API sees: a session of the local HR integration role. */
export function localHrCaller(resources: LocalResources, session = 'local-cli'): string {
  const role = resources.hrRoleArn.slice(resources.hrRoleArn.lastIndexOf('/') + 1);
  return `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/${role}/${session}`;
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

export type ApiCall = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  resource: '/offboardings' | '/offboardings/preview' | '/offboardings/{id}',
  options?: {
    id?: string;
    body?: unknown;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    /** The IAM identity API Gateway authenticated; the local HR role's session by default. */
    caller?: string;
  },
) => Promise<ApiAnswer>;

/**
 * An API Gateway (REST, Lambda proxy) event as the offboarding API receives it once API Gateway
 * has verified the SigV4 signature of `caller`.
 */
export function apiGatewayEvent(
  method: string,
  resource: string,
  options: Parameters<ApiCall>[2] & { caller: string },
) {
  return {
    resource,
    path: resource.replace('{id}', options.id ?? ''),
    httpMethod: method,
    headers: { 'content-type': 'application/json', ...options.headers },
    pathParameters: options.id ? { id: options.id } : null,
    queryStringParameters: options.query ?? null,
    body:
      options.body === undefined
        ? null
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: { requestId: randomUUID(), identity: { userArn: options.caller } },
  };
}

/**
 * The real offboarding API handler on the local AWS, called as API Gateway would call it after
 * verifying a SigV4 signature; time comes from `clock`.
 */
export function localOffboardingApi(
  resources: LocalResources,
  config: unknown,
  clock: Clock = systemClock,
): ApiCall {
  const handler = createOffboardingApiHandler(() => {
    Object.assign(process.env, offboardingEnvironment(resources, config));
    return offboardingApiDependencies(clock);
  });
  return async (method, resource, options = {}) => {
    const result = await handler(
      apiGatewayEvent(method, resource, {
        ...options,
        caller: options.caller ?? localHrCaller(resources),
      }),
      localLambdaContext('warden-offboarding-api'),
    );
    return { status: result.statusCode, body: JSON.parse(result.body) };
  };
}

export interface FiredSchedule {
  name: string;
  due: Date;
  result?: ExecutorResponse;
  error?: string;
}

/**
 * The emulator stores schedules but never fires them. This fires the schedules of the group that
 * are due at `clock.now()`: it invokes their target, the real executor handler, with the
 * schedule's input, and deletes each one that succeeded (`ActionAfterCompletion: DELETE`); one
 * that failed stays, as Scheduler would retry it.
 */
export async function fireDueSchedules(
  resources: LocalResources,
  config: unknown,
  clock: Clock,
): Promise<FiredSchedule[]> {
  const scheduler = new SchedulerClient({});
  const executor = createExecutorHandler(() => {
    Object.assign(process.env, offboardingEnvironment(resources, config));
    return executorDependencies(clock);
  });
  const fired: FiredSchedule[] = [];
  let token: string | undefined;
  const names: string[] = [];
  do {
    const page = await scheduler.send(
      new ListSchedulesCommand({ GroupName: resources.scheduleGroup, NextToken: token }),
    );
    names.push(...(page.Schedules ?? []).map((s) => s.Name as string));
    token = page.NextToken;
  } while (token);
  for (const name of names) {
    const schedule = await scheduler.send(
      new GetScheduleCommand({ Name: name, GroupName: resources.scheduleGroup }),
    );
    const due = instantOfAt(
      schedule.ScheduleExpression ?? '',
      schedule.ScheduleExpressionTimezone ?? 'UTC',
    );
    if (!due || due > clock.now() || schedule.Target?.Arn !== resources.executorArn) continue;
    try {
      const result = await executor(JSON.parse(schedule.Target?.Input ?? '{}'));
      await scheduler.send(
        new DeleteScheduleCommand({ Name: name, GroupName: resources.scheduleGroup }),
      );
      fired.push({ name, due, result });
    } catch (error) {
      fired.push({ name, due, error: (error as Error).name });
    }
  }
  return fired;
}
