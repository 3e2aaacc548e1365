import { err, ok } from '@shared/ipc/result';
import type { HubSync } from '../hub-sync/hub-sync';
import { hubFailure } from '../hub-sync/hub-results';
import type { Handlers } from './handlers';

export type HubHandlers = Pick<Handlers, 'hubEnrol' | 'hubStatus'>;

export interface HubHandlerDeps {
  readonly mode: 'standalone' | 'hub' | 'invalid_config';
  readonly sync: HubSync | null;
}

export function createHubHandlers(deps: HubHandlerDeps): HubHandlers {
  return {
    hubEnrol: async (input) => {
      if (!deps.sync) return err('HUB_UNAVAILABLE');
      const answer = await deps.sync.enrol(input.code, input.name);
      return answer.ok ? ok({ desktopName: answer.value.desktopName }) : hubFailure(answer.error);
    },
    hubStatus: () => {
      const state = deps.sync?.state();
      return ok({
        mode: deps.mode,
        enrolled: state?.enrolled ?? false,
        desktopName: state?.desktopName ?? null,
        online: state?.online ?? false,
        pendingOperations: state?.pendingOperations ?? 0,
      });
    },
  };
}

/**
 * Approvals need the whole site's view: on a desktop enrolled with a hub that cannot be reached
 * (after one more try), a decision is refused with HUB_UNAVAILABLE instead of being queued.
 */
export function requireHubOnline<H extends Handlers['overridesDecide']>(sync: HubSync, handler: H): Handlers['overridesDecide'] {
  return async (input, ctx) => {
    if (sync.state().enrolled && !sync.state().online) {
      await sync.syncNow();
      if (!sync.state().online) return err('HUB_UNAVAILABLE', { details: { reason: 'needs_hub' } });
    }
    return handler(input, ctx);
  };
}

