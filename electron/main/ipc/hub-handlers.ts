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
