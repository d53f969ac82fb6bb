import { json } from '../../core/shared/api-answer.js';
import type { RouteHandler } from '../console-call.js';

/** Who is signed in, and what they may do: the UI hides the rest (the API refuses it anyway). */
export const me: RouteHandler<unknown> = (call) =>
  Promise.resolve({
    answer: json(200, {
      username: call.staff.username,
      roles: call.staff.roles,
      permissions: call.staff.permissions,
    }),
  });
