import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Role } from '@shared/domain/operator';
import { routesBeforePasswordChange } from '@shared/hub/operators';
import { hubRoutes, type HubRoute, type HubRouteName } from '@shared/hub/routes';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import { issuesOf } from './errors';

type RouteOf<K extends HubRouteName> = (typeof hubRoutes)[K];
type CallerOf<K extends HubRouteName> = RouteOf<K>['access'] extends readonly Role[] ? Caller : null;

export interface RouteContext<K extends HubRouteName> {
  readonly caller: CallerOf<K>;
  /** The client's address, for rate limits. */
  readonly address: string;
  readonly now: Date;
}

/** One function per route of shared/hub/routes.ts; a missing one is a compile error. */
export type HubHandlers = {
  [K in HubRouteName]: (input: z.output<RouteOf<K>['input']>, context: RouteContext<K>) => Promise<z.input<RouteOf<K>['output']>>;
};

export type Authenticate = (request: FastifyRequest) => Promise<Caller>;

/**
 * Signs the caller in from the token and checks the role, before the body is even read. A
 * session with a temporary password reaches only the routes that let the operator replace it.
 */
export function guard(access: readonly Role[], authenticate: Authenticate, callers: WeakMap<FastifyRequest, Caller>, beforePasswordChange = false) {
  return async (request: FastifyRequest) => {
    const caller = await authenticate(request);
    if (caller.mustChangePassword && !beforePasswordChange) throw new HubFailure('PASSWORD_CHANGE_REQUIRED');
    if (!access.includes(caller.operator.role)) throw new HubFailure('FORBIDDEN_ROLE', { role: caller.operator.role });
    callers.set(request, caller);
  };
}

/**
 * Registers every route from its declaration: method, path, access and schemas come from
 * shared/hub/routes.ts only. Input is parsed strictly (an unknown field is INVALID_INPUT),
 * and the answer is checked against the output schema before it leaves.
 */
export function registerHubRoutes(app: FastifyInstance, handlers: HubHandlers, authenticate: Authenticate, clock: () => Date): void {
  const callers = new WeakMap<FastifyRequest, Caller>();
  for (const name of Object.keys(hubRoutes) as HubRouteName[]) {
    const route: HubRoute = hubRoutes[name];
    const handler = handlers[name] as (input: unknown, context: RouteContext<HubRouteName>) => Promise<unknown>;
    const access = route.access;
    app.route({
      method: route.method,
      url: route.path,
      ...(typeof access === 'string' ? {} : { onRequest: guard(access, authenticate, callers, routesBeforePasswordChange.includes(name)) }),
      handler: async (request) => {
        const parsed = route.input.safeParse(route.method === 'GET' ? { ...(request.query as object) } : request.body);
        if (!parsed.success) throw new HubFailure('INVALID_INPUT', undefined, issuesOf(parsed.error));
        const caller = callers.get(request) ?? null;
        const answer = await handler(parsed.data, { caller, address: request.ip, now: clock() } as RouteContext<HubRouteName>);
        return route.output.parse(answer);
      },
    });
  }
}
