import type { Permission } from './roles.js';

/**
 * Every route of the console API, with the one permission it needs (`null`: any signed-in staff
 * member). The API routes by this table and refuses with 403 what the caller's roles do not allow;
 * the stack creates one API Gateway method per entry, so no route exists without a permission.
 * Usernames travel in bodies and queries, never in paths: Cognito usernames may contain `/`.
 */
export const CONSOLE_ROUTES = [
  { id: 'me', method: 'GET', path: '/api/me', permission: null },
  { id: 'runs.list', method: 'GET', path: '/api/runs', permission: 'runs.read' },
  { id: 'runs.show', method: 'GET', path: '/api/runs/{runId}', permission: 'runs.read' },
  {
    id: 'runs.findings',
    method: 'GET',
    path: '/api/runs/{runId}/findings',
    permission: 'runs.read',
  },
  {
    id: 'runs.download',
    method: 'GET',
    path: '/api/runs/{runId}/download/{format}',
    permission: 'runs.read',
  },
  {
    id: 'runs.approve',
    method: 'POST',
    path: '/api/runs/{runId}/approve',
    permission: 'runs.review',
  },
  {
    id: 'runs.reject',
    method: 'POST',
    path: '/api/runs/{runId}/reject',
    permission: 'runs.review',
  },
  { id: 'people.search', method: 'GET', path: '/api/people', permission: 'people.read' },
  {
    id: 'accounts.restore',
    method: 'POST',
    path: '/api/accounts/restore',
    permission: 'accounts.restore',
  },
  {
    id: 'offboarding.list',
    method: 'GET',
    path: '/api/offboardings',
    permission: 'offboarding.read',
  },
  {
    id: 'offboarding.preview',
    method: 'GET',
    path: '/api/offboardings/preview',
    permission: 'offboarding.read',
  },
  {
    id: 'offboarding.create',
    method: 'POST',
    path: '/api/offboardings',
    permission: 'offboarding.write',
  },
  {
    id: 'offboarding.status',
    method: 'GET',
    path: '/api/offboardings/{id}',
    permission: 'offboarding.read',
  },
  {
    id: 'offboarding.move',
    method: 'PATCH',
    path: '/api/offboardings/{id}',
    permission: 'offboarding.write',
  },
  {
    id: 'offboarding.cancel',
    method: 'DELETE',
    path: '/api/offboardings/{id}',
    permission: 'offboarding.write',
  },
  { id: 'signins.list', method: 'GET', path: '/api/sign-ins', permission: 'signins.read' },
] as const satisfies readonly ConsoleRouteDefinition[];

interface ConsoleRouteDefinition {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  permission: Permission | null;
}

export type ConsoleRoute = (typeof CONSOLE_ROUTES)[number];
export type ConsoleRouteId = ConsoleRoute['id'];

/** The route API Gateway matched (its resource template and method), if the table has it. */
export function routeOf(method: string, resource: string): ConsoleRoute | undefined {
  const upper = method.toUpperCase();
  return CONSOLE_ROUTES.find((r) => r.method === upper && r.path === resource);
}

/**
 * The route a concrete path names, with its path parameters, the way API Gateway matches one:
 * a literal segment wins over a `{parameter}` (`/api/offboardings/preview` is not an id).
 */
export function matchPath(
  method: string,
  path: string,
): { route: ConsoleRoute; parameters: Record<string, string> } | undefined {
  const segments = path.split('/');
  const candidates = CONSOLE_ROUTES.filter((r) => r.method === method.toUpperCase()).flatMap(
    (route) => {
      const template = route.path.split('/');
      if (template.length !== segments.length) return [];
      const parameters: Record<string, string> = {};
      let literals = 0;
      for (const [i, part] of template.entries()) {
        const segment = segments[i] as string;
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name) {
          const value = decoded(segment);
          if (!value) return [];
          parameters[name] = value;
        } else if (part === segment) {
          literals++;
        } else {
          return [];
        }
      }
      return [{ route, parameters, literals }];
    },
  );
  const best = candidates.sort((a, b) => b.literals - a.literals)[0];
  return best && { route: best.route, parameters: best.parameters };
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment) || undefined;
  } catch {
    return undefined;
  }
}
