import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type pg from 'pg';
import type { ScryptParams } from '@shared/auth/password-hash-format';
import { HUB_BODY_LIMIT_BYTES } from '@shared/hub/routes';
import { authenticate } from '../auth/authenticate';
import { SignInGuard, type SignInLimits } from '../auth/sign-in';
import { systemClock, type Clock } from '../common/clock';
import { registerCarrierSnapshot } from '../http/carrier-snapshot-route';
import { registerChangeStream, type HeadSource } from '../http/change-stream';
import { installErrorHandling } from '../http/errors';
import { registerHubRoutes, type Authenticate } from '../http/register-routes';
import { hubHandlers } from './hub-handlers';

export interface HubOptions {
  readonly pool: pg.Pool;
  readonly clock?: Clock;
  /** Where the change stream hears the log move (app/change-feed); without it, no stream route. */
  readonly changeFeed?: HeadSource;
  readonly signInLimits?: SignInLimits;
  /** scrypt cost of new hashes and of rehashes at sign-in; OWASP's by default. Tests pass a cheap one through the same code. */
  readonly passwordCost?: ScryptParams;
  readonly logger?: FastifyServerOptions['logger'];
  /** Behind a load balancer, which proxies to trust for the client's address (rate limits). */
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
  readonly https?: { key: Buffer; cert: Buffer } | null;
}

/** The hub's HTTP service, composed: routes from shared/hub/routes.ts, each handed to its use case. */
export function buildHub(options: HubOptions): FastifyInstance {
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    bodyLimit: HUB_BODY_LIMIT_BYTES,
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  installErrorHandling(app);
  const authenticateRequest: Authenticate = (request) => authenticate(options.pool, request.headers.authorization, clock());
  registerHubRoutes(app, hubHandlers(options.pool, new SignInGuard(options.signInLimits, options.passwordCost)), authenticateRequest, clock);
  registerCarrierSnapshot(app, options.pool, authenticateRequest, clock);
  if (options.changeFeed) registerChangeStream(app, options.changeFeed, authenticateRequest, clock);
  return app;
}
