import type Database from 'better-sqlite3';
import type { PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import { err, ok } from '@shared/ipc/result';
import type { HubSync } from '../hub-sync/hub-sync';
import { createHubPolicyRunClient } from '../hub-sync/hub-policy-run';
import { hubFailure } from '../hub-sync/hub-results';
import type { PolicyRunRegistry } from '../policies/policy-run-registry';
import { createRunnableOutageLister } from '../policies/runnable-outages';
import type { Handlers } from './handlers';

export type PolicyRunHandlers = Pick<Handlers, 'policyRunOutages' | 'policyRunStart' | 'policyRunPreview' | 'policyRunStatus' | 'policyRunCancel'>;

/**
 * A desktop enrolled at a hub (`sync`) starts, follows and cancels the site's run at the hub
 * and never runs the local engine for it: the credits come from the hub by sync. The preview
 * is computed at the hub too, from the hub's data with the same shared rules (the cache may
 * lag behind it); it answers when done, and its status is kept here for the screen's polls.
 * The outage list reads the cache, as on a standalone desktop.
 */
export function createPolicyRunHandlers(db: Database.Database, runs: PolicyRunRegistry, sync: HubSync | null = null): PolicyRunHandlers {
  const listRunnableOutages = createRunnableOutageLister();
  const hub = sync ? createHubPolicyRunClient(sync) : null;
  const atHub = () => hub !== null && sync !== null && sync.state().enrolled;
  /** The hub's previews asked here, newest last, a few kept: a preview is a finished status the screen reads again by its id. */
  const hubPreviews = new Map<string, PolicyRunStatus>();
  const keepPreview = (status: PolicyRunStatus) => {
    hubPreviews.set(status.runId, status);
    while (hubPreviews.size > 20) hubPreviews.delete(hubPreviews.keys().next().value!);
  };
  return {
    policyRunOutages: (_input, ctx) => ok(listRunnableOutages(db, ctx.now.toISOString())),
    policyRunStart: (input, ctx) => {
      if (atHub()) return hub!.start(input.outageId);
      const started = runs.start(input.outageId, ctx.actor?.operatorId ?? null, ctx.now);
      return started.ok ? ok(started.status) : err(started.code);
    },
    policyRunPreview: async (input, ctx) => {
      if (atHub()) {
        // A preview of a million accounts takes the hub a while: waited for as a run's start is not.
        const answer = await sync!.callAsOperator('policyRunPreview', { outageId: input.outageId }, { timeoutMs: 10 * 60_000 });
        if (!answer.ok) return answer.error.code === 'NOT_FOUND' ? err('NOT_FOUND') : hubFailure(answer.error);
        keepPreview(answer.value);
        return ok(answer.value);
      }
      const started = runs.start(input.outageId, ctx.actor?.operatorId ?? null, ctx.now, 'preview');
      return started.ok ? ok(started.status) : err(started.code);
    },
    policyRunStatus: async (input) => {
      const preview = hubPreviews.get(input.runId);
      if (preview) return ok(preview);
      // A local run (a preview, or one from before the desktop joined) is this process's own.
      const local = runs.status(input.runId);
      if (local || !atHub()) return local ? ok(local) : err('NOT_FOUND');
      return hub!.status(input.runId);
    },
    policyRunCancel: async (input) => {
      const preview = hubPreviews.get(input.runId);
      if (preview) return ok(preview);
      const local = runs.cancel(input.runId);
      if (local || !atHub()) return local ? ok(local) : err('NOT_FOUND');
      return hub!.cancel(input.runId);
    },
  };
}
