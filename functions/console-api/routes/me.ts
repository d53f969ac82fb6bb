import { json } from '../../core/shared/api-answer.js';
import type { RouteHandler } from '../console-call.js';

/**
 * Who is signed in, what they may do (the UI hides the rest; the API refuses it anyway), and the
 * deployment's time zone, which the UI offers first when HR chooses a moment.
 */
export const me: RouteHandler<{ offboarding: { timeZone: string } }> = (call, deps) =>
  Promise.resolve({
    answer: json(200, {
      username: call.staff.username,
      roles: call.staff.roles,
      permissions: call.staff.permissions,
      timeZone: deps.offboarding.timeZone,
    }),
  });
