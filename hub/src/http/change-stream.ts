import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CHANGE_NUDGE_EVENT, type ChangeNudge } from '@shared/hub/changes';
import { CHANGE_STREAM_PATH, changeStreamAccess } from '@shared/hub/routes';
import { SCREEN_POP_EVENT, type HubScreenPop } from '@shared/hub/screen-pop';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import type { ScreenPopRelay } from '../screen-pop/screen-pop-relay';
import { throttleNudges } from './nudge-throttle';
import { guard, type Authenticate } from './register-routes';

export interface HeadSource {
  head(): number;
  subscribe(listener: (head: number) => void): () => void;
}

const HEARTBEAT_MS = 15_000;
/** A stream hears of the log's head at most this often (the latest head always arrives). */
export const NUDGE_GAP_MS = 100;

function frame(head: number): string {
  const nudge: ChangeNudge = { head };
  return `event: ${CHANGE_NUDGE_EVENT}\ndata: ${JSON.stringify(nudge)}\n\n`;
}

function popFrame(pop: HubScreenPop): string {
  return `event: ${SCREEN_POP_EVENT}\ndata: ${JSON.stringify(pop)}\n\n`;
}

/**
 * Server-Sent Events: a `changed` nudge with the head at once, then whenever the log moves
 * (heard through LISTEN/NOTIFY, from any hub process), at most one per NUDGE_GAP_MS. The stream ends when the session's
 * token expires; the desktop signs in again and reconnects. With a screen-pop relay, the
 * phone system's pops for the stream's own operator (and nobody else's) come as `screen-pop` events.
 */
export function registerChangeStream(
  app: FastifyInstance,
  feed: HeadSource,
  authenticate: Authenticate,
  clock: () => Date,
  pops: ScreenPopRelay | null = null,
): void {
  const callers = new WeakMap<FastifyRequest, Caller>();
  const open = new Set<() => void>();
  // Before the server stops accepting: open streams would otherwise hold close() until they end.
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });
  app.route({
    method: 'GET',
    url: CHANGE_STREAM_PATH,
    onRequest: guard(changeStreamAccess, authenticate, callers),
    handler: async (request, reply) => {
      const caller = callers.get(request)!;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const nudges = throttleNudges((head) => raw.write(frame(head)), NUDGE_GAP_MS);
      nudges.push(feed.head());
      const unsubscribe = feed.subscribe((head) => nudges.push(head));
      // Each pop checks the stream's session again: one signed out, expired or on a revoked desktop hears no caller.
      const takePop = async (pop: HubScreenPop): Promise<boolean> => {
        if (!open.has(close)) return false;
        try {
          await authenticate(request);
        } catch (error) {
          // A session that ended ends its stream; the database away for a moment does not.
          if (error instanceof HubFailure) close();
          return false;
        }
        return open.has(close) && (raw.write(popFrame(pop)), true);
      };
      const detach = pops?.attach(caller.operator.operatorId, takePop) ?? (() => undefined);
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const expiry = setTimeout(() => close(), Math.max(0, Math.min(caller.expiresAt.getTime() - clock().getTime(), 2 ** 31 - 1)));
      const close = () => {
        if (!open.delete(close)) return;
        unsubscribe();
        detach();
        nudges.stop();
        clearInterval(heartbeat);
        clearTimeout(expiry);
        raw.end();
      };
      open.add(close);
      request.raw.on('close', close);
    },
  });
}
