import type Database from 'better-sqlite3';
import { appendAudit } from '../audit/audit-log';
import type { PolicyRunState, PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import { createUlidFactory } from '../credits/ulid';
import { findOutage } from '../outages/outage-repo';
import { createChunkRunner, type ChunkContext, type ChunkResult } from './policy-run-chunk';
import { listPoliciesOfOutage } from './policy-repo';
import {
  candidateFilter,
  countCandidateAccountsBetween,
  finishPolicyRun,
  insertPolicyRun,
  maxAccountId,
  recordPolicyRunProgress,
  settledTest,
  type CandidateFilter,
} from './policy-run-repo';
import { toStoredPolicy } from './stored-policy';
import { addRunOutcomes, emptyRunOutcomes } from '@shared/policy/run-outcomes';
import type { PolicyRunTotal } from '@shared/ipc/policy-run-channels';

/**
 * Without a fixed chunk size, each chunk is sized so that its transaction holds the main
 * process about this long: the app must keep answering (the brief asks under 100 ms), and
 * a larger chunk only saves commits.
 */
const CHUNK_BUDGET_MS = 40;
const FIRST_CHUNK_SIZE = 500;
const MIN_CHUNK_SIZE = 100;
const MAX_CHUNK_SIZE = 20_000;
/**
 * Accounts (by id) counted per slice of the initial count: a full count of 1M takes ~0.3 s
 * of CPU, so a slice takes a few ms and the count overshoots its budget by no more.
 */
const COUNT_SLICE_IDS = 20_000;
/** SQLite page cache while a run is going (KiB; the connection's default is 2 MB). */
const RUN_CACHE_KIB = 32 * 1024;

export interface PolicyRunOptions {
  runId: string;
  outageId: number;
  startedBy: number | null;
  /** Main's clock at the start: the evaluation instant and the scheduling date of every credit. */
  now: Date;
  /** Read when the run ends, for its finish time. */
  clock: () => Date;
  /** A fixed number of accounts per chunk; left out, chunks are sized by CHUNK_BUDGET_MS. */
  chunkSize?: number;
  /** Called with each chunk's result once it is committed (before onProgress). */
  onChunk?: (chunk: ChunkResult) => void;
  /**
   * Decide every account and write nothing (no credits, no run record, no audit event): the
   * count and totals it reports are what a run started now would write.
   */
  preview?: boolean;
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

/** The next chunk size: scaled toward the time budget, never more than doubling at once. */
function nextChunkSize(size: number, elapsedMs: number): number {
  const scaled = elapsedMs > 0 ? Math.round((size * CHUNK_BUDGET_MS) / elapsedMs) : size * 2;
  return Math.max(MIN_CHUNK_SIZE, Math.min(MAX_CHUNK_SIZE, size * 2, scaled));
}

/**
 * Counts the candidate accounts a slice of ids at a time, until done or `budgetMs` has
 * passed; `next` is where the count goes on (null when complete).
 */
function countSome(db: Database.Database, filter: CandidateFilter, from: number, maxId: number, budgetMs: number) {
  const started = performance.now();
  let counted = 0;
  let next: number | null = from as number | null;
  while (next !== null && performance.now() - started < budgetMs) {
    const to: number = next + COUNT_SLICE_IDS - 1;
    counted += countCandidateAccountsBetween(db, filter, next, to);
    next = to >= maxId ? null : to + 1;
  }
  return { counted, next };
}

/**
 * Decides an outage's policies for every account its inclusion rules admit (the others can
 * only be not eligible) and writes the automatic credits, in chunks of accounts sized to
 * CHUNK_BUDGET_MS, one transaction per chunk, giving the event loop back between chunks so
 * that the app keeps answering. Re-running (after a crash, a cancel or a finished run)
 * reaches the same credits: every credit's idempotency key is unique and a key that exists
 * is skipped, an account with a live override credit for the outage is skipped, and the
 * credit's values depend only on the stored data and the run's date.
 */
export async function runPolicyForOutage(db: Database.Database, options: PolicyRunOptions): Promise<PolicyRunStatus> {
  const prepared = prepareRun(db, options.outageId);
  if (!prepared) throw new Error(`outage ${options.outageId} has no policy to run`);
  const asOf = options.now.toISOString();
  const automatic = prepared.policies.filter((p) => p.policy.delivery.mode === 'automatic');
  const filter = candidateFilter(automatic.map((p) => p.policy));
  const context: ChunkContext = {
    ...prepared,
    asOf,
    scheduledOn: asOf.slice(0, 10),
    nextId: createUlidFactory(options.now),
    reads: { filter, settled: settledTest(automatic, options.outageId, prepared.outage.revision ?? 1) },
  };
  const chunks = createChunkRunner(context);
  let chunkSize = options.chunkSize ?? FIRST_CHUNK_SIZE;
  const pause = options.yieldBetweenChunks ?? yieldToEventLoop;
  // The total is counted in slices between yields as well; on a small database it is
  // complete before the first status, on a large one it grows during the first pauses.
  const maxId = maxAccountId(db);
  let count = countSome(db, filter, 1, maxId, CHUNK_BUDGET_MS);
  let counted = count.counted;
  const preview = options.preview === true;
  const status: PolicyRunStatus = {
    runId: options.runId,
    outageId: options.outageId,
    preview,
    state: 'running',
    done: 0,
    total: counted,
    creditsWritten: 0,
    outcomes: emptyRunOutcomes(),
    totals: [],
    startedAt: asOf,
    finishedAt: null,
  };
  const amounts = new Map<PolicyRunTotal['currency'], PolicyRunTotal>();
  const snapshot = (): PolicyRunStatus => ({
    ...status,
    totals: [...amounts.values()].sort((a, b) => a.currency.localeCompare(b.currency)).map((t) => ({ ...t })),
  });
  if (!preview) {
    insertPolicyRun(db, { runId: options.runId, outageId: options.outageId, startedBy: options.startedBy, startedAt: asOf, total: status.total });
  }
  options.onProgress?.(snapshot());

  const finish = (state: PolicyRunState): PolicyRunStatus => {
    status.state = state;
    const finishedAt = options.clock();
    status.finishedAt = finishedAt.toISOString();
    if (preview) {
      options.onProgress?.(snapshot());
      return snapshot();
    }
    db.transaction(() => {
      finishPolicyRun(db, options.runId, state, finishedAt.toISOString());
      // One summary event for the run, with what it wrote: never one per credit.
      appendAudit(db, {
        operatorId: options.startedBy,
        action: 'policy_run.finished',
        target: `policy_run:${options.runId}`,
        before: null,
        after: {
          outageId: options.outageId,
          state,
          accounts: status.done,
          creditsWritten: status.creditsWritten,
          // What this run wrote, as stored (each chunk's, see ChunkResult.amounts), by currency.
          totals: snapshot().totals,
        },
        at: finishedAt,
      });
    }).immediate();
    options.onProgress?.(snapshot());
    return snapshot();
  };

  // A larger page cache for the run only: the chunk's reads and the credits' indexes stay
  // in memory between statements. Given back when the run ends (the app's memory budget).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${RUN_CACHE_KIB}`);
  let afterId = 0;
  try {
    while (count.next !== null) {
      await pause();
      if (options.shouldStop?.()) return finish('cancelled');
      count = countSome(db, filter, count.next, maxId, CHUNK_BUDGET_MS);
      counted += count.counted;
      status.total = counted;
      options.onProgress?.(snapshot());
    }
    for (;;) {
      // Before each chunk, the first included: the caller that started the run answers at once.
      await pause();
      if (options.shouldStop?.()) return finish('cancelled');
      const started = performance.now();
      let committed: ChunkResult | null = null;
      const chunkTransaction = db.transaction(() => {
          const chunk = chunks.run(db, afterId, chunkSize, !preview);
          if (chunk === null) return null;
          const added = chunk.creditsWritten;
          committed = chunk;
          afterId = chunk.lastAccountId;
          status.done += chunk.accounts;
          // Accounts added during the run make `done` exceed the count taken at the start.
          status.total = Math.max(status.total, status.done);
          status.outcomes = addRunOutcomes(status.outcomes ?? emptyRunOutcomes(), chunk.outcomes);
          for (const [currency, sum] of chunk.amounts) {
            const total = amounts.get(currency as PolicyRunTotal['currency']) ?? { currency: currency as PolicyRunTotal['currency'], credits: 0, amountMinor: 0 };
            total.credits += sum.credits;
            total.amountMinor += sum.amountMinor;
            amounts.set(total.currency, total);
          }
          if (!preview) recordPolicyRunProgress(db, options.runId, status.done, status.total, added, status.outcomes);
          return added;
        });
      // A preview only reads: its chunk is one consistent read, without taking the write lock.
      const written = preview ? chunkTransaction.deferred() : chunkTransaction.immediate();
      if (written === null) break;
      if (options.chunkSize === undefined) chunkSize = nextChunkSize(chunkSize, performance.now() - started);
      status.creditsWritten += written;
      if (committed !== null) options.onChunk?.(committed);
      options.onProgress?.(snapshot());
    }
    return finish('done');
  } catch (error) {
    if (db.open) finish('failed');
    throw error;
  } finally {
    if (db.open) db.pragma(`cache_size = ${cacheSize}`);
  }
}
