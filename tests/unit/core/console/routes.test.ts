import { describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES, matchPath, routeOf } from '../../../../functions/core/console/routes.js';

describe('console routes', () => {
  it('every route needs a permission, except asking who one is', () => {
    expect(CONSOLE_ROUTES.filter((r) => r.permission === null).map((r) => r.id)).toEqual(['me']);
  });

  it('no two routes share a method and a path', () => {
    const keys = CONSOLE_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds the route API Gateway matched by its resource template', () => {
    expect(routeOf('patch', '/api/offboardings/{id}')?.id).toBe('offboarding.move');
    expect(routeOf('PUT', '/api/offboardings/{id}')).toBeUndefined();
  });

  it('matches concrete paths as API Gateway does: literals before parameters', () => {
    expect(matchPath('GET', '/api/offboardings/preview')).toEqual({
      route: expect.objectContaining({ id: 'offboarding.preview' }),
      parameters: {},
    });
    expect(matchPath('GET', '/api/offboardings/ob-123')).toEqual({
      route: expect.objectContaining({ id: 'offboarding.status' }),
      parameters: { id: 'ob-123' },
    });
    expect(matchPath('GET', '/api/runs/r-1/download/csv')?.parameters).toEqual({
      runId: 'r-1',
      format: 'csv',
    });
    expect(matchPath('GET', '/api/runs/r%2D1')?.parameters).toEqual({ runId: 'r-1' });
  });

  it('matches nothing for unknown paths, empty or malformed parameters', () => {
    expect(matchPath('GET', '/api/nothing')).toBeUndefined();
    expect(matchPath('GET', '/api/runs/')).toBeUndefined();
    expect(matchPath('GET', '/api/runs/%E0%A4%A')).toBeUndefined();
    expect(matchPath('DELETE', '/api/runs/r-1')).toBeUndefined();
  });
});
