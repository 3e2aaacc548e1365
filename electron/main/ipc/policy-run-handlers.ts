import type Database from 'better-sqlite3';
import { err, ok } from '@shared/ipc/result';
import type { HubSync } from '../hub-sync/hub-sync';
import { createHubPolicyRunClient } from '../hub-sync/hub-policy-run';
import type { PolicyRunRegistry } from '../policies/policy-run-registry';
import { createRunnableOutageLister } from '../policies/runnable-outages';
import type { Handlers } from './handlers';

export type PolicyRunHandlers = Pick<Handlers, 'policyRunOutages' | 'policyRunStart' | 'policyRunPreview' | 'policyRunStatus' | 'policyRunCancel'>;

/**
 * A desktop enrolled at a hub (`sync`) starts, follows and cancels the site's run at the hub
 * and never runs the local engine for it: the credits come from the hub by sync. The outage
 * list and the preview (which writes nothing) read the cache, as on a standalone desktop.
 */
export function createPolicyRunHandlers(db: Database.Database, runs: PolicyRunRegistry, sync: HubSync | null = null): PolicyRunHandlers {
  const listRunnableOutages = createRunnableOutageLister();
  const hub = sync ? createHubPolicyRunClient(sync) : null;
  const atHub = () => hub !== null && sync !== null && sync.state().enrolled;
  return {
    policyRunOutages: (_input, ctx) => ok(listRunnableOutages(db, ctx.now.toISOString())),
    policyRunStart: (input, ctx) => {
      if (atHub()) return hub!.start(input.outageId);
      const started = runs.start(input.outageId, ctx.actor?.operatorId ?? null, ctx.now);
      return started.ok ? ok(started.status) : err(started.code);
    },
    policyRunPreview: (input, ctx) => {
      const started = runs.start(input.outageId, ctx.actor?.operatorId ?? null, ctx.now, 'preview');
      return started.ok ? ok(started.status) : err(started.code);
    },
    policyRunStatus: async (input) => {
      // A local run (a preview, or one from before the desktop joined) is this process's own.
      const local = runs.status(input.runId);
      if (local || !atHub()) return local ? ok(local) : err('NOT_FOUND');
      return hub!.status(input.runId);
    },
    policyRunCancel: async (input) => {
      const local = runs.cancel(input.runId);
      if (local || !atHub()) return local ? ok(local) : err('NOT_FOUND');
      return hub!.cancel(input.runId);
    },
  };
}
