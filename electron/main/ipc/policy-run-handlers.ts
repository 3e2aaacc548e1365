import type Database from 'better-sqlite3';
import { err, ok } from '@shared/ipc/result';
import type { PolicyRunRegistry } from '../policies/policy-run-registry';
import { createRunnableOutageLister } from '../policies/runnable-outages';
import type { Handlers } from './handlers';

export type PolicyRunHandlers = Pick<Handlers, 'policyRunOutages' | 'policyRunStart' | 'policyRunPreview' | 'policyRunStatus' | 'policyRunCancel'>;

export function createPolicyRunHandlers(db: Database.Database, runs: PolicyRunRegistry): PolicyRunHandlers {
  const listRunnableOutages = createRunnableOutageLister();
  return {
    policyRunOutages: (_input, ctx) => ok(listRunnableOutages(db, ctx.now.toISOString())),
    policyRunStart: (input, ctx) => {
      const started = runs.start(input.outageId, ctx.actor?.operatorId ?? null, ctx.now);
      return started.ok ? ok(started.status) : err(started.code);
    },
    policyRunPreview: (input, ctx) => {
      const started = runs.start(input.outageId, ctx.actor?.operatorId ?? null, ctx.now, 'preview');
      return started.ok ? ok(started.status) : err(started.code);
    },
    policyRunStatus: (input) => {
      const status = runs.status(input.runId);
      return status ? ok(status) : err('NOT_FOUND');
    },
    policyRunCancel: (input) => {
      const status = runs.cancel(input.runId);
      return status ? ok(status) : err('NOT_FOUND');
    },
  };
}
