import type { HubPolicyRun } from '@shared/hub/policy-runs';
import type { PolicyRunState, PolicyRunStatus, PolicyRunTotal } from '@shared/ipc/policy-run-channels';
import { err, ok, type Result } from '@shared/ipc/result';
import type { HubClientError } from './hub-client';
import { hubFailure } from './hub-results';
import type { HubSync } from './hub-sync';

/**
 * The automatic policy run of a desktop enrolled at a hub: the hub runs it once for the
 * whole site (hub/src/policies) and its credits reach this cache by sync; the desktop starts,
 * follows and cancels it as the signed-in admin, and never runs the local engine for it. The
 * hub's run status is the desktop's own shape, so the policy-run screen shows it unchanged.
 *
 * As the desktop's own run decides every automatic policy of the outage, a start asks the hub
 * for all of them (`policyRunStartAll`): the hub runs one run per policy, one after the other.
 * The screen follows them as one run, under the first run's id, with each policy's progress in
 * `policies`; the set of run ids is kept in this process (after a restart the first id answers
 * for its own policy only).
 */
export interface HubPolicyRunClient {
  start(outageId: number): Promise<Result<PolicyRunStatus>>;
  status(runId: string): Promise<Result<PolicyRunStatus>>;
  cancel(runId: string): Promise<Result<PolicyRunStatus>>;
}

function toStatus(run: HubPolicyRun): PolicyRunStatus {
  const { policyId: _policyId, policyCode: _policyCode, policyVersion: _policyVersion, ...status } = run;
  return status;
}

/** The state of runs taken together: running while one runs, else the worst end. */
function stateOf(runs: readonly HubPolicyRun[]): PolicyRunState {
  for (const state of ['running', 'failed', 'cancelled'] as const) if (runs.some((run) => run.state === state)) return state;
  return 'done';
}

/**
 * The runs of one start as one status. Accounts count once per policy (done and total add up);
 * the breakdown by outcome is each policy's own, so several are not added into one (null).
 */
export function combineHubRuns(runs: readonly HubPolicyRun[]): PolicyRunStatus {
  if (runs.length === 1) return toStatus(runs[0]!);
  const first = runs[0]!;
  const totals = new Map<string, PolicyRunTotal>();
  for (const run of runs) {
    for (const total of run.totals) {
      const sum = totals.get(total.currency) ?? { currency: total.currency, credits: 0, amountMinor: 0 };
      sum.credits += total.credits;
      sum.amountMinor += total.amountMinor;
      totals.set(total.currency, sum);
    }
  }
  const state = stateOf(runs);
  const finished = runs.map((run) => run.finishedAt);
  return {
    runId: first.runId,
    outageId: first.outageId,
    preview: false,
    state,
    done: runs.reduce((sum, run) => sum + run.done, 0),
    total: runs.reduce((sum, run) => sum + run.total, 0),
    creditsWritten: runs.reduce((sum, run) => sum + run.creditsWritten, 0),
    outcomes: null,
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    startedAt: first.startedAt,
    finishedAt: state === 'running' || finished.includes(null) ? null : finished.sort().at(-1)!,
    policies: runs.map((run) => ({
      policyCode: run.policyCode,
      policyVersion: run.policyVersion,
      state: run.state,
      done: run.done,
      total: run.total,
      creditsWritten: run.creditsWritten,
    })),
  };
}

function failed(error: HubClientError) {
  // The hub's coded answers about the run itself, as the local registry gives them.
  if (error.code === 'NOT_FOUND') return err('NOT_FOUND');
  if (error.code === 'CONFLICT') return err('CONFLICT', error.details ? { details: error.details } : {});
  return hubFailure(error);
}

type HubAnswer<T> = { ok: true; value: T } | { ok: false; error: HubClientError };

export function createHubPolicyRunClient(sync: HubSync): HubPolicyRunClient {
  /** The run ids of each start of several policies, by the first one's id. */
  const sets = new Map<string, readonly string[]>();
  const each = async (runId: string, ask: (runId: string) => Promise<HubAnswer<HubPolicyRun>>): Promise<Result<PolicyRunStatus>> => {
    const ids = sets.get(runId) ?? [runId];
    const runs: HubPolicyRun[] = [];
    // One at a time, in the order they run: a cancel stops the one running and the ones queued.
    for (const id of ids) {
      const answer = await ask(id);
      if (!answer.ok) return failed(answer.error);
      runs.push(answer.value);
    }
    return ok(combineHubRuns(runs));
  };
  return {
    start: async (outageId) => {
      const answer = await sync.callAsOperator('policyRunStartAll', { outageId });
      if (!answer.ok) return failed(answer.error);
      const runs = answer.value.runs;
      if (runs.length > 1) sets.set(runs[0]!.runId, runs.map((run) => run.runId));
      return ok(combineHubRuns(runs));
    },
    status: (runId) => each(runId, (id) => sync.callAsOperator('policyRunStatus', { runId: id })),
    cancel: (runId) => each(runId, (id) => sync.callAsOperator('policyRunCancel', { runId: id })),
  };
}
