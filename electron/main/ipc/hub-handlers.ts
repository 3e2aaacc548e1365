import { err, ok, type Result } from '@shared/ipc/result';
import type { HubRouteName } from '@shared/hub/routes';
import type { HubSync } from '../hub-sync/hub-sync';
import type { HubInput, HubOutput } from '../hub-sync/hub-client';
import { hubFailure } from '../hub-sync/hub-results';
import type { HandlerContext, Handlers } from './handlers';

export type HubHandlers = Pick<Handlers, 'hubEnrol' | 'hubStatus' | 'hubIntegrationTokensList' | 'hubIntegrationTokenCreate' | 'hubIntegrationTokenRevoke'>;

export interface HubHandlerDeps {
  readonly mode: 'standalone' | 'hub' | 'invalid_config';
  readonly sync: HubSync | null;
}

export function createHubHandlers(deps: HubHandlerDeps): HubHandlers {
  /** An admin route at the hub as the signed-in admin: the hub checks the role again and audits the change. */
  async function atHub<N extends HubRouteName>(name: N, input: HubInput<N>): Promise<Result<HubOutput<N>>> {
    if (!deps.sync) return err('HUB_UNAVAILABLE');
    const answer = await deps.sync.callAsOperator(name, input);
    if (answer.ok) return ok(answer.value);
    return answer.error.code === 'NOT_FOUND' ? err('NOT_FOUND') : hubFailure(answer.error);
  }
  return {
    hubIntegrationTokensList: () => atHub('listIntegrationTokens', {}),
    hubIntegrationTokenCreate: (input) => atHub('createIntegrationToken', input),
    hubIntegrationTokenRevoke: (input) => atHub('revokeIntegrationToken', input),
    hubEnrol: async (input, ctx) => {
      if (!deps.sync) return err('HUB_UNAVAILABLE');
      const answer = await deps.sync.enrol(input.code, input.name, ctx.actor?.operatorId ?? null);
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
        archive: state?.archive
          ? { path: state.archive.filePath, archivedAt: state.archive.archivedAt, overrideRequests: state.archive.overrideRequests, auditEvents: state.archive.auditEvents }
          : null,
        snapshot: state?.snapshot ? { ...state.snapshot, tables: state.snapshot.tables.map((t) => ({ ...t })) } : null,
      });
    },
  };
}

/** The channels an enrolled desktop only runs while it can reach the hub. */
export type NeedsHubChannel = 'overridesDecide' | 'policyRunStart' | 'feedImportStart' | 'exportCreateBatch';

/**
 * Approvals and admin changes (limits, the policy run, feed imports, billing batches) need the
 * whole site's view: on an enrolled desktop, a sync round
 * runs first (so the decision is made on the hub's latest state, and a hub that went away
 * since the last call is noticed), and when the hub did not answer it the call is refused with
 * HUB_UNAVAILABLE (`details.reason = needs_hub`) instead of being queued.
 */
export function requireHubOnline<C extends NeedsHubChannel>(sync: HubSync, handler: Handlers[C]): Handlers[C] {
  const inner = handler as unknown as (input: unknown, ctx: HandlerContext) => Promise<Result<unknown>>;
  const guarded = async (input: unknown, ctx: HandlerContext): Promise<Result<unknown>> => {
    if (sync.state().enrolled) {
      await sync.syncNow();
      if (!sync.state().online) return err('HUB_UNAVAILABLE', { details: { reason: 'needs_hub' } });
    }
    return inner(input, ctx);
  };
  return guarded as unknown as Handlers[C];
}
