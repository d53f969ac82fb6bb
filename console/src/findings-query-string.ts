import type { FindingsQuery } from '../../functions/core/review/findings-query.js';
import { query } from './api.js';

/** A findings query as the console API reads it from the query string. */
export function findingsQueryString(q: Partial<FindingsQuery>): string {
  return query({
    situation: q.situation?.join(','),
    pool: q.pool,
    action: q.action,
    outcome: q.outcome,
    search: q.search,
    sort: q.sort,
    order: q.order,
    page: q.page,
    pageSize: q.pageSize,
  });
}
