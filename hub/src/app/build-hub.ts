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
import { HubPolicyRuns, type HubPolicyRunsOptions } from '../policies/policy-runs';
import { registerScreenPopRoute } from '../http/screen-pop-route';
import type { ScreenPopRelay } from '../screen-pop/screen-pop-relay';
import { HubImports, type HubImportsOptions } from '../feeds/hub-imports';
import { registerImportUpload } from '../http/import-upload-route';
import { hubHandlers } from './hub-handlers';

export interface HubOptions {
  readonly pool: pg.Pool;
  readonly clock?: Clock;
  /** Where the change stream hears the log move (app/change-feed); without it, no stream route. */
  readonly changeFeed?: HeadSource;
  /** Where screen-pops cross hub processes (screen-pop/screen-pop-relay); without it, no POST /v1/screen-pop. */
  readonly screenPops?: ScreenPopRelay;
  readonly signInLimits?: SignInLimits;
  /** scrypt cost of new hashes and of rehashes at sign-in; OWASP's by default. Tests pass a cheap one through the same code. */
  readonly passwordCost?: ScryptParams;
  readonly logger?: FastifyServerOptions['logger'];
  /** Behind a load balancer, which proxies to trust for the client's address (rate limits). */
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
  readonly https?: { key: Buffer; cert: Buffer } | null;
  /** The automatic policy runs' chunk size and hooks (tests); the clock is the hub's. */
  readonly policyRuns?: Omit<HubPolicyRunsOptions, 'clock'>;
  /** The feed import's upload folder, chunk size and hooks (tests); the clock is the hub's. */
  readonly imports?: Omit<HubImportsOptions, 'clock'>;
}

const runsOfHub = new WeakMap<FastifyInstance, HubPolicyRuns>();

/** The policy runs of a hub built here (tests wait on a run's end; the hub's own routes reach them by handler). */
export function policyRunsOf(app: FastifyInstance): HubPolicyRuns {
  const runs = runsOfHub.get(app);
  if (!runs) throw new Error('not a hub built by buildHub');
  return runs;
}

const importsOfHub = new WeakMap<FastifyInstance, HubImports>();

/** The feed imports of a hub built here (tests wait on a run's end). */
export function importsOf(app: FastifyInstance): HubImports {
  const imports = importsOfHub.get(app);
  if (!imports) throw new Error('not a hub built by buildHub');
  return imports;
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
  const policyRuns = new HubPolicyRuns(options.pool, { ...options.policyRuns, clock });
  // A run stops after its chunk when the hub closes (recorded failed; a later start resumes it).
  app.addHook('onClose', () => policyRuns.close());
  runsOfHub.set(app, policyRuns);
  const imports = new HubImports(options.pool, { ...options.imports, clock });
  // An import stops after its chunk when the hub closes (a later run converges on the same state).
  app.addHook('onClose', () => imports.close());
  importsOfHub.set(app, imports);
  registerHubRoutes(app, hubHandlers(options.pool, new SignInGuard(options.signInLimits, options.passwordCost), policyRuns, imports), authenticateRequest, clock);
  registerImportUpload(app, imports, authenticateRequest);
  registerCarrierSnapshot(app, options.pool, authenticateRequest, clock);
  if (options.changeFeed) registerChangeStream(app, options.changeFeed, authenticateRequest, clock, options.screenPops ?? null);
  if (options.screenPops) registerScreenPopRoute(app, options.pool, options.screenPops, clock);
  return app;
}
