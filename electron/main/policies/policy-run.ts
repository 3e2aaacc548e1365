import type Database from 'better-sqlite3';
import type { PolicyRunState, PolicyRunStatus } from '@shared/ipc/decision-contract';
import { createUlidFactory } from '../credits/ulid';
import { findOutage } from '../decisions/outage-repo';
import { runPolicyChunk, type ChunkContext } from './policy-run-chunk';
import { listPoliciesOfOutage } from './policy-repo';
import {
  candidateFilter,
  countCandidateAccounts,
  finishPolicyRun,
  insertPolicyRun,
  listCandidateAccountsAfter,
  recordPolicyRunProgress,
} from './policy-run-repo';
import { toStoredPolicy } from './stored-policy';

export const DEFAULT_CHUNK_SIZE = 5_000;

export interface PolicyRunOptions {
  runId: string;
  outageId: number;
  startedBy: number | null;
  /** Main's clock at the start: the evaluation instant and the scheduling date of every credit. */
  now: Date;
  /** Read when the run ends, for its finish time. */
  clock: () => Date;
  chunkSize?: number;
  /** Called after each committed chunk and at the end. */
  onProgress?: (status: PolicyRunStatus) => void;
  /** Checked between chunks; true stops the run after the chunk that is committed. */
  shouldStop?: () => boolean;
  /** How the run gives the event loop back between chunks; tests may replace it. */
  yieldBetweenChunks?: () => Promise<void>;
}

/** What a run needs before it can start; null when the outage does not exist or has no policy. */
export function prepareRun(db: Database.Database, outageId: number): Pick<ChunkContext, 'outage' | 'policies'> | null {
  const outage = findOutage(db, outageId);
  if (!outage) return null;
  const policies = listPoliciesOfOutage(db, outageId).map(toStoredPolicy);
  return policies.length === 0 ? null : { outage, policies };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Decides an outage's policies for every account its inclusion rules admit (the others can
 * only be not eligible) and writes the automatic credits, in chunks of accounts, one transaction per chunk, giving the event loop back between chunks
 * so that the app keeps answering. Re-running (after a crash, a cancel or a finished run)
 * reaches the same credits: every credit's idempotency key is unique and a key that exists
 * is skipped, and the credit's values depend only on the stored data and the run's date.
 */
export async function runPolicyForOutage(db: Database.Database, options: PolicyRunOptions): Promise<PolicyRunStatus> {
  const prepared = prepareRun(db, options.outageId);
  if (!prepared) throw new Error(`outage ${options.outageId} has no policy to run`);
  const asOf = options.now.toISOString();
  const automatic = prepared.policies.filter((p) => p.policy.delivery.mode === 'automatic').map((p) => p.policy);
  const filter = candidateFilter(automatic);
  const context: ChunkContext = {
    ...prepared,
    asOf,
    scheduledOn: asOf.slice(0, 10),
    nextId: createUlidFactory(options.now),
    filter,
  };
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const pause = options.yieldBetweenChunks ?? yieldToEventLoop;
  const status: PolicyRunStatus = {
    runId: options.runId,
    outageId: options.outageId,
    state: 'running',
    done: 0,
    total: countCandidateAccounts(db, filter),
    creditsWritten: 0,
    startedAt: asOf,
    finishedAt: null,
  };
  insertPolicyRun(db, { runId: options.runId, outageId: options.outageId, startedBy: options.startedBy, startedAt: asOf, total: status.total });
  options.onProgress?.({ ...status });

  const finish = (state: PolicyRunState): PolicyRunStatus => {
    status.state = state;
    status.finishedAt = options.clock().toISOString();
    finishPolicyRun(db, options.runId, state, status.finishedAt);
    options.onProgress?.({ ...status });
    return { ...status };
  };

  let afterId = 0;
  try {
    for (;;) {
      // Before each chunk, the first included: the caller that started the run answers at once.
      await pause();
      if (options.shouldStop?.()) return finish('cancelled');
      const written = db
        .transaction(() => {
          const accounts = listCandidateAccountsAfter(db, filter, afterId, chunkSize);
          if (accounts.length === 0) return null;
          const added = runPolicyChunk(db, accounts, context);
          afterId = accounts[accounts.length - 1]!.id;
          status.done += accounts.length;
          recordPolicyRunProgress(db, options.runId, status.done, added);
          return added;
        })
        .immediate();
      if (written === null) break;
      status.creditsWritten += written;
      options.onProgress?.({ ...status });
    }
    // Accounts added during the run make `done` exceed the count taken at the start.
    status.total = Math.max(status.total, status.done);
    return finish('done');
  } catch (error) {
    if (db.open) finish('failed');
    throw error;
  }
}
