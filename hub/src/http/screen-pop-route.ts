import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { SCREEN_POP_BODY_LIMIT_BYTES, SCREEN_POP_PATH, SCREEN_POP_RATE, ScreenPopRequest, ScreenPopResponse } from '@shared/hub/screen-pop';
import { RateLimiter } from '../auth/rate-limiter';
import { HubFailure } from '../common/hub-failure';
import { authenticateIntegration, screenPop, type Integration } from '../screen-pop/screen-pop';
import type { ScreenPopRelay } from '../screen-pop/screen-pop-relay';
import { issuesOf } from './errors';

// Refused tokens per client address: a guesser is slowed long before 256 bits could matter.
const REFUSALS = { limit: 30, windowMs: 60_000 } as const;

/**
 * `POST /v1/screen-pop` for the phone system: its own token kind (an integration token, not a
 * session), checked before the body is read; a small body parsed strictly; a rate limit per
 * token; the pop handed to the relay.
 */
export function registerScreenPopRoute(app: FastifyInstance, pool: pg.Pool, relay: ScreenPopRelay, clock: () => Date): void {
  const perToken = new RateLimiter(SCREEN_POP_RATE.limit, SCREEN_POP_RATE.windowMs);
  const refusals = new RateLimiter(REFUSALS.limit, REFUSALS.windowMs);
  const integrations = new WeakMap<FastifyRequest, Integration>();
  app.route({
    method: 'POST',
    url: SCREEN_POP_PATH,
    bodyLimit: SCREEN_POP_BODY_LIMIT_BYTES,
    onRequest: async (request) => {
      const nowMs = clock().getTime();
      let integration: Integration;
      try {
        integration = await authenticateIntegration(pool, request.headers.authorization);
      } catch (error) {
        const refused = error instanceof HubFailure && error.code !== 'UNAVAILABLE';
        const wait = refused ? refusals.hit(request.ip, nowMs) : null;
        if (wait !== null) throw new HubFailure('RATE_LIMITED', { retryAfterSeconds: wait });
        throw error;
      }
      const wait = perToken.hit(String(integration.tokenId), nowMs);
      if (wait !== null) throw new HubFailure('RATE_LIMITED', { retryAfterSeconds: wait });
      integrations.set(request, integration);
    },
    handler: async (request) => {
      const integration = integrations.get(request)!;
      const parsed = ScreenPopRequest.safeParse(request.body);
      if (!parsed.success) throw new HubFailure('INVALID_INPUT', undefined, issuesOf(parsed.error));
      const answer = await screenPop(pool, relay, integration, parsed.data, clock());
      request.log.info({ integration: integration.label, agent: parsed.data.agent, delivered: answer.delivered }, 'screen-pop');
      return ScreenPopResponse.parse(answer);
    },
  });
}
