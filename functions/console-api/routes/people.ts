import { z } from 'zod';
import type { ReviewServices } from '../../aws/review-services.js';
import { actorOf, may } from '../../core/console/staff.js';
import { findPerson } from '../../core/review/find-person.js';
import { recentSignIns } from '../../core/review/recent-sign-ins.js';
import { restoreAccount } from '../../core/review/restore-account.js';
import { invalid, json, validate } from '../../core/shared/api-answer.js';
import { textField } from '../../core/shared/request-fields.js';
import type { RouteHandler } from '../console-call.js';

type Deps = { review: ReviewServices };

const searchSchema = z.strictObject({
  q: textField(256),
  by: z.enum(['employeeId', 'username', 'email']).optional(),
});

const restoreSchema = z.strictObject({
  source: textField(200),
  username: z.string({ error: 'is required' }).min(1, 'is required').max(128),
  reason: textField(2000),
  overrideReason: textField(2000).optional(),
});

/**
 * A person by employee id, username or email. Without `people.trail` (HR) the answer leaves out
 * the trail of account changes and sign-in decisions: HR sees people's situation, not their
 * sign-ins.
 */
const search: RouteHandler<Deps> = async (call, { review }) => {
  const query = validate(searchSchema, call.query, '(query)');
  if ('problems' in query) return { answer: invalid(query.problems) };
  const person = await findPerson({ query: query.value.q, by: query.value.by }, review);
  const trailShown = may(call.staff, 'people.trail');
  return {
    target: person.employeeIds.join(',') || undefined,
    answer: json(200, { ...person, trail: trailShown ? person.trail : [], trailShown }),
  };
};

/** Re-enables an account Warden disabled; an override reason needs `accounts.override`. */
const restore: RouteHandler<Deps> = async (call, { review }) => {
  const body = validate(restoreSchema, call.body);
  if ('problems' in body) return { answer: invalid(body.problems) };
  const target = `${body.value.source}/${body.value.username}`;
  if (body.value.overrideReason !== undefined && !may(call.staff, 'accounts.override')) {
    return {
      target,
      answer: json(403, {
        status: 'refused',
        message: 'your roles do not allow this (accounts.override)',
      }),
    };
  }
  const result = await restoreAccount({ ...body.value, actor: actorOf(call.staff) }, review);
  return { target, answer: json(200, result) };
};

/** Recent geo decisions, filtered by country, rule and outcome. */
const signIns: RouteHandler<Deps> = async (call, { review }) => ({
  answer: json(200, await recentSignIns(call.query, review)),
});

export const peopleRoutes = {
  'people.search': search,
  'accounts.restore': restore,
  'signins.list': signIns,
};
