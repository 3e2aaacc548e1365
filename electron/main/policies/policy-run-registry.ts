import type Database from 'better-sqlite3';
import type { PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import { sumAutomaticCreditsCreatedAt } from '../credits/credit-repo';
import { createUlidFactory } from '../credits/ulid';
import { emptyRunOutcomes } from '@shared/policy/run-outcomes';
import { prepareRun, runPolicyForOutage } from './policy-run';
import { findPolicyRun } from './policy-run-repo';

export type StartResult = { ok: true; status: PolicyRunStatus } | { ok: false; code: 'NOT_FOUND' | 'CONFLICT' };

export interface PolicyRunRegistry {
  /**
   * Starts a run in the background and returns its first status; one run (or preview) per
   * outage at a time. A preview decides as the run would and writes nothing.
   */
  start(outageId: number, startedBy: number | null, now: Date, mode?: 'run' | 'preview'): StartResult;
  /** The newest status of a run of this process, else the stored record of an earlier one. */
  status(runId: string): PolicyRunStatus | null;
  /** Asks a running run to stop after its current chunk. */
  cancel(runId: string): PolicyRunStatus | null;
  /** Resolves with the final status (tests and shutdown). */
  settled(runId: string): Promise<PolicyRunStatus>;
}

export interface PolicyRunRegistryOptions {
  clock: () => Date;
  chunkSize?: number;
  onError?: (error: unknown) => void;
  /**
   * After a run that finished: what else the run's outage settles (the claims whose credit was
   * waiting for the outage's end). Composed in by the app, so this folder imports no other.
   */
  afterRun?: (outageId: number, now: Date) => void;
}

interface LiveRun {
  status: PolicyRunStatus;
  stop: boolean;
  done: Promise<PolicyRunStatus>;
}

export function createPolicyRunRegistry(db: Database.Database, options: PolicyRunRegistryOptions): PolicyRunRegistry {
  const runs = new Map<string, LiveRun>();

  function stored(runId: string): PolicyRunStatus | null {
    const row = findPolicyRun(db, runId);
    if (!row) return null;
    // Previews are never stored; the breakdown by outcome is stored with each chunk (null for runs before it was).
    const status: PolicyRunStatus = { ...row, preview: false, totals: sumAutomaticCreditsCreatedAt(db, row.outageId, row.startedAt) };
    // A run recorded as running that this process does not know was cut off by a restart.
    return row.state === 'running' ? { ...status, state: 'failed' } : status;
  }

  return {
    start(outageId, startedBy, now, mode = 'run') {
      const preview = mode === 'preview';
      if (!prepareRun(db, outageId)) return { ok: false, code: 'NOT_FOUND' };
      for (const run of runs.values()) {
        if (run.status.outageId === outageId && run.status.state === 'running') return { ok: false, code: 'CONFLICT' };
      }
      const runId = createUlidFactory(now)();
      const live: LiveRun = {
        status: {
          runId,
          outageId,
          preview,
          state: 'running',
          done: 0,
          total: 0,
          creditsWritten: 0,
          outcomes: emptyRunOutcomes(),
          totals: [],
          startedAt: now.toISOString(),
          finishedAt: null,
        },
        stop: false,
        done: Promise.resolve(null as never),
      };
      runs.set(runId, live);
      live.done = runPolicyForOutage(db, {
        runId,
        outageId,
        startedBy,
        now,
        clock: options.clock,
        preview,
        ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
        onProgress: (status) => {
          live.status = status;
        },
        shouldStop: () => live.stop,
      })
        .then((status) => {
          // The run itself is done and recorded; what follows it failing is reported, not the run.
          try {
            if (status.state === 'done' && !preview) options.afterRun?.(outageId, options.clock());
          } catch (error) {
            options.onError?.(error);
          }
          return status;
        })
        .catch((error: unknown) => {
          options.onError?.(error);
          live.status = { ...live.status, state: 'failed' };
          return live.status;
        });
      return { ok: true, status: { ...live.status } };
    },
    status(runId) {
      const live = runs.get(runId);
      return live ? { ...live.status } : stored(runId);
    },
    cancel(runId) {
      const live = runs.get(runId);
      if (!live) return stored(runId);
      if (live.status.state === 'running') live.stop = true;
      return { ...live.status };
    },
    settled(runId) {
      const live = runs.get(runId);
      if (live) return live.done;
      const row = stored(runId);
      return row ? Promise.resolve(row) : Promise.reject(new Error(`no policy run ${runId}`));
    },
  };
}
