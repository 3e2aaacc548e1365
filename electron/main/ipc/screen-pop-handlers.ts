import type { ScreenPopInbox } from '../screen-pop/screen-pop-inbox';
import type { Handlers } from './handlers';

/** How long one call waits for a link before it answers null and the renderer asks again. */
export const SCREEN_POP_WAIT_MS = 25_000;

export function createScreenPopHandlers(inbox: ScreenPopInbox, waitMs = SCREEN_POP_WAIT_MS): Pick<Handlers, 'screenPopNext'> {
  return {
    async screenPopNext(_input, ctx) {
      // Signed out: the link waits for whoever signs in next.
      if (!ctx.actor) return { ok: true, value: { event: null } };
      return { ok: true, value: { event: await inbox.next(waitMs, ctx.actor.username) } };
    },
  };
}
