import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { SNAPSHOT_PATH } from '@shared/hub/carrier';
import type { Caller } from '../auth/caller';
import { streamCarrierSnapshot } from '../carrier/carrier-snapshot';
import { guard, type Authenticate } from './register-routes';

/** Carrier data is every role's: any signed-in operator's desktop may take the snapshot. */
export const carrierSnapshotAccess = ['agent', 'supervisor', 'admin'] as const;

/**
 * `GET /v1/carrier/snapshot`: the streamed snapshot (shared/hub/carrier.ts, SnapshotHeader).
 * A failure before the header is an ordinary error answer; after it, the response is cut.
 */
export function registerCarrierSnapshot(app: FastifyInstance, pool: pg.Pool, authenticate: Authenticate, clock: () => Date): void {
  const callers = new WeakMap<FastifyRequest, Caller>();
  app.route({
    method: 'GET',
    url: SNAPSHOT_PATH,
    onRequest: guard(carrierSnapshotAccess, authenticate, callers),
    handler: async (_request, reply) => {
      let started = false;
      const raw = reply.raw;
      try {
        await streamCarrierSnapshot(pool, raw, clock(), () => {
          started = true;
          reply.hijack();
          raw.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
        });
      } catch (error) {
        if (!started) throw error;
        raw.destroy(error as Error);
        return;
      }
      raw.end();
    },
  });
}
