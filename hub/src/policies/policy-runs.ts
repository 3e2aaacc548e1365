import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createUlidFactoryFrom, ULID_RANDOM_BYTES } from '@shared/domain/ulid';
import type { Outage } from '@shared/domain/outage';
import type { HubPolicyRun, HubPolicyRunSet, StartHubOutagePolicyRuns, StartHubPolicyRun } from '@shared/hub/policy-runs';
import type { PolicyRunState, PolicyRunTotal } from '@shared/ipc/policy-run-channels';
import { needsLineDetails } from '@shared/policy/automatic-credits';
import { Policy } from '@shared/policy/policy-schema';
import { emptyRunOutcomes, type RunOutcomes } from '@shared/policy/run-outcomes';
import { appendAudit } from '../audit/audit-repo';
import type { Caller } from '../auth/caller';
import { HubFailure } from '../common/hub-failure';
import { inTransaction, type Tx } from '../db/transaction';
import { appendLogs } from '../logs/log-batch';
import { createChunkEvaluator, type ChunkFacts } from './policy-run-chunk';
import {
  emptyNewCredits,
  failRunningRuns,
  findOutageForRun,
  findPolicyRun,
  finishPolicyRun,
  insertCredits,
  insertPolicyRun,
  listAttachedPolicies,
  listPolicyRuns,
  lockRunState,
  nextCarrierBatch,
  planAccounts,
  readChunkAccounts,
  readChunkCredits,
  readChunkImpacts,
  readChunkLines,
  createSummaryReader,
  recordRunProgress,
  sumRunCredits,
  type PolicyRunRow,
  type RunPlan,
} from './policy-run-repo';

/** Accounts per chunk: one transaction each; a cancel waits for at most one. 2,000 cost PostgreSQL the least CPU of 1,000, 2,000, 5,000 and 20,000 on 1M accounts (docs/BENCHMARKS.md). */
export const DEFAULT_CHUNK_ACCOUNTS = 2_000;

// One run per outage and policy at a time, site-wide: a session advisory lock on the run's own
// connection, so a run cut off (a crash, a restart) lets go of it with its connection.
const RUN_LOCK_NAMESPACE = 7243n << 44n;
const KEY_MASK = (1n << 22n) - 1n;

function runLockKey(outageId: number, policyId: number): string {
  return (RUN_LOCK_NAMESPACE | ((BigInt(outageId) & KEY_MASK) << 22n) | (BigInt(policyId) & KEY_MASK)).toString();
}

// serialization_failure and deadlock_detected: the chunk did nothing; running it again is safe.
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_CHUNK_ATTEMPTS = 5;

export interface HubPolicyRunsOptions {
  readonly clock: () => Date;
  /** Accounts per chunk; DEFAULT_CHUNK_ACCOUNTS unless a test or the benchmark says otherwise. */
  readonly chunkAccounts?: number;
  /** Called between chunks, after each commit; tests use it to cancel mid-run. */
  readonly afterChunk?: (status: HubPolicyRun) => void | Promise<void>;
  readonly onError?: (error: unknown) => void;
}

interface LiveRun {
  status: HubPolicyRun;
  done: Promise<HubPolicyRun>;
}

interface Target {
  outage: Outage;
  policyRow: { id: number; code: string; version: number };
  policy: Policy;
}

/** Which attached policy a start names: by id, by code (newest attached version), or the outage's one automatic policy. */
async function resolveTarget(db: pg.PoolClient, request: StartHubPolicyRun): Promise<Target> {
  const outage = await findOutageForRun(db, request.outageId);
  if (!outage) throw new HubFailure('NOT_FOUND', { entity: 'outage' });
  const attached = (await listAttachedPolicies(db, request.outageId)).map((row) => ({ row, policy: Policy.parse(row.rules) }));
  let chosen;
  if (request.policyId !== undefined) chosen = attached.find(({ row }) => row.id === request.policyId);
  else if (request.policyCode !== undefined) chosen = attached.find(({ row }) => row.code === request.policyCode);
  else {
    const automatic = attached.filter(({ policy }) => policy.delivery.mode === 'automatic');
    if (automatic.length > 1) throw new HubFailure('INVALID_INPUT', { reason: 'policy_required', policies: automatic.length });
    chosen = automatic[0];
  }
  if (!chosen) throw new HubFailure('NOT_FOUND', { entity: 'policy' });
  if (chosen.policy.delivery.mode !== 'automatic') throw new HubFailure('INVALID_INPUT', { reason: 'policy_not_automatic' });
  return { outage, policyRow: { id: chosen.row.id, code: chosen.row.code, version: chosen.row.version }, policy: chosen.policy };
}

/** Every automatic policy attached to the outage, by code and newest version first; NOT_FOUND when it has none. */
async function resolveAutomaticTargets(db: pg.PoolClient, outageId: number): Promise<Target[]> {
  const outage = await findOutageForRun(db, outageId);
  if (!outage) throw new HubFailure('NOT_FOUND', { entity: 'outage' });
  const targets = (await listAttachedPolicies(db, outageId))
    .map((row) => ({ outage, policyRow: { id: row.id, code: row.code, version: row.version }, policy: Policy.parse(row.rules) }))
    .filter(({ policy }) => policy.delivery.mode === 'automatic');
  if (targets.length === 0) throw new HubFailure('NOT_FOUND', { entity: 'policy' });
  return targets;
}

async function inClientTransaction<T>(client: pg.PoolClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (attempt < MAX_CHUNK_ATTEMPTS && RETRYABLE.has((error as { code?: string }).code ?? '')) continue;
      throw error;
    }
  }
}

function fromRow(row: PolicyRunRow, totals: PolicyRunTotal[], state: PolicyRunState = row.state): HubPolicyRun {
  return {
    runId: row.runId,
    outageId: row.outageId,
    policyId: row.policyId,
    policyCode: row.policyCode,
    policyVersion: row.policyVersion,
    preview: false,
    state,
    done: row.done,
    total: row.total,
    creditsWritten: row.creditsWritten,
    // Stored with the run, chunk by chunk (null for a run from before hub migration 015).
    outcomes: row.outcomes,
    totals,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/**
 * The hub's automatic policy runs: one run per outage and policy for the whole site, in
 * chunks of accounts (one transaction each, keyset by account id over the plan), evaluated
 * with the shared pure rules and written set-based with ON CONFLICT (idempotency_key) DO
 * NOTHING, so a re-run or a resume after a cancel or a crash writes only what is missing.
 * Each chunk that writes takes a carrier batch, stamps its credits with it and appends one
 * `carrier_batch` change (hub migration 004), so every desktop fetches its credits by batch.
 */
export class HubPolicyRuns {
  readonly #pool: pg.Pool;
  readonly #options: HubPolicyRunsOptions;
  readonly #live = new Map<string, LiveRun>();
  #closing = false;

  constructor(pool: pg.Pool, options: HubPolicyRunsOptions) {
    this.#pool = pool;
    this.#options = options;
  }

  /** Starts a run in the background and answers its first status; CONFLICT while one runs for the outage and policy. */
  async start(caller: Caller | null, request: StartHubPolicyRun, now: Date): Promise<HubPolicyRun> {
    const [status] = await this.#startTargets(caller, now, async (client) => [await resolveTarget(client, request)]);
    return status!;
  }

  /**
   * Starts one run for each automatic policy attached to the outage (every version attached,
   * as the desktop's run decides them), run one after the other on one connection, and answers
   * their first statuses in that order. Each is an ordinary run (its own row, audit, progress,
   * cancel and the same idempotency keys); CONFLICT, with nothing started, while any of them runs.
   */
  async startAll(caller: Caller | null, request: StartHubOutagePolicyRuns, now: Date): Promise<HubPolicyRunSet> {
    const runs = await this.#startTargets(caller, now, (client) => resolveAutomaticTargets(client, request.outageId));
    return { outageId: request.outageId, runs };
  }

  async #startTargets(caller: Caller | null, now: Date, resolve: (client: pg.PoolClient) => Promise<Target[]>): Promise<HubPolicyRun[]> {
    if (this.#closing) throw new HubFailure('UNAVAILABLE', { retryAfterSeconds: 1 });
    const client = await this.#pool.connect();
    let locked = false;
    let handedOver = false;
    try {
      const targets = await resolve(client);
      // Every run's lock before anything is written: all of them start, or none does.
      const lockKeys: string[] = [];
      for (const target of targets) {
        const lockKey = runLockKey(target.outage.id, target.policyRow.id);
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [lockKey]);
        if (rows[0]!.locked) {
          locked = true;
          lockKeys.push(lockKey);
        } else throw new HubFailure('CONFLICT', { reason: 'run_in_progress' });
      }
      const begun: { target: Target; lockKey: string; plan: RunPlan; live: LiveRun }[] = [];
      for (const [i, target] of targets.entries()) begun.push({ target, lockKey: lockKeys[i]!, ...(await this.#begin(client, caller, target, now)) });
      handedOver = true;
      // One after the other on this connection; each run lets go of its own lock when it ends.
      let previous: Promise<unknown> = Promise.resolve();
      for (const { target, lockKey, plan, live } of begun) {
        live.done = previous.then(() => this.#run(client, lockKey, target, plan, live, caller, now));
        previous = live.done.catch(() => undefined);
      }
      void previous.finally(() => {
        client.release();
      });
      return begun.map(({ live }) => ({ ...live.status }));
    } finally {
      // A connection that took a lock and failed before the runs is dropped: the locks go with it.
      if (!handedOver) client.release(locked ? true : undefined);
    }
  }

  /** Plans the run (its lock held), records it and its audit, and registers its live status. */
  async #begin(client: pg.PoolClient, caller: Caller | null, target: Target, now: Date): Promise<{ plan: RunPlan; live: LiveRun }> {
    const { policy, outage } = target;
    const countries = policy.inclusion.countries ?? null;
    const plan = await planAccounts(client, outage.id, policy.unit === 'account' ? { regions: outage.regions, countries } : null);
    const planned = plan.ids.length;
    const runId = randomUUID();
    const asOf = now.toISOString();
    await inClientTransaction(client, async (tx) => {
      // A run still marked running holds no lock (we hold it): it was cut off.
      const cutOff = await failRunningRuns(tx, outage.id, target.policyRow.id, now);
      await insertPolicyRun(tx, { runId, outageId: outage.id, policyId: target.policyRow.id, startedBy: caller?.operator.operatorId ?? null, startedAt: asOf, total: planned });
      await appendAudit(tx, {
        at: now,
        operatorId: caller?.operator.operatorId ?? null,
        desktopId: caller?.desktopId ?? null,
        action: 'policy_run.started',
        target: `policy_run:${runId}`,
        before: null,
        after: { outageId: outage.id, outageRevision: outage.revision ?? 1, policyCode: target.policyRow.code, policyVersion: target.policyRow.version, accounts: planned, ...(cutOff.length > 0 ? { cutOffRuns: cutOff } : {}) },
      });
    });
    const status: HubPolicyRun = {
      runId,
      outageId: outage.id,
      policyId: target.policyRow.id,
      policyCode: target.policyRow.code,
      policyVersion: target.policyRow.version,
      preview: false,
      state: 'running',
      done: 0,
      total: planned,
      creditsWritten: 0,
      outcomes: emptyRunOutcomes(),
      totals: [],
      startedAt: asOf,
      finishedAt: null,
    };
    const live: LiveRun = { status, done: Promise.resolve(status) };
    this.#live.set(runId, live);
    return { plan, live };
  }

  async #run(client: pg.PoolClient, lockKey: string, target: Target, plan: RunPlan, live: LiveRun, caller: Caller | null, now: Date): Promise<HubPolicyRun> {
    const { outage, policy, policyRow } = target;
    const runId = live.status.runId;
    const asOf = live.status.startedAt;
    const decide = createChunkEvaluator(policy, outage, asOf, createUlidFactoryFrom(now, randomBytes(ULID_RANDOM_BYTES)));
    const chunkAccounts = this.#options.chunkAccounts ?? DEFAULT_CHUNK_ACCOUNTS;
    // Lines and impacts in full only when the policy reads them; else one summary row per account.
    const summaries = needsLineDetails(policy) ? null : createSummaryReader();
    const totals = new Map<string, PolicyRunTotal>();
    const outcomes: RunOutcomes = emptyRunOutcomes();
    let state: PolicyRunState = 'done';
    let reader: pg.PoolClient | null = null;
    let next: Promise<{ ids: Int32Array; facts: ChunkFacts }> | null = null;
    try {
      // The next chunk's facts are read on a second connection while this chunk decides and
      // writes (the ranges are disjoint, so what one writes the other never reads): PostgreSQL
      // reads while the rules run, and the rules run while PostgreSQL writes.
      reader = await this.#pool.connect();
      const planned = plan.ids.length;
      const readFacts = async (from: number): Promise<{ ids: Int32Array; facts: ChunkFacts }> => {
        const ids = plan.ids.subarray(from, Math.min(planned, from + chunkAccounts));
        const range = { first: ids[0]!, last: ids[ids.length - 1]! };
        // Ascending accounts meet the ascending plan slice: one pointer decides membership.
        let at = 0;
        const inPlan = (id: number) => {
          while (at < ids.length && ids[at]! < id) at += 1;
          return at < ids.length && ids[at] === id;
        };
        const db = reader!;
        if (summaries) {
          const { accounts, lines } = await summaries(db, range, inPlan);
          // Whether the outage touched the account is the plan's: its impacts, not its region, brought it in.
          const impacted = new Set<number>();
          for (let k = 0; k < ids.length; k += 1) if (plan.impacted[from + k] === 1) impacted.add(ids[k]!);
          return { ids, facts: { accounts, lines, impacts: null, impacted, credits: await readChunkCredits(db, outage.id, range) } };
        }
        const accounts = await readChunkAccounts(db, range, inPlan);
        return {
          ids,
          facts: { accounts, lines: await readChunkLines(db, range), impacts: await readChunkImpacts(db, outage.id, range), credits: await readChunkCredits(db, outage.id, range) },
        };
      };
      next = planned > 0 ? readFacts(0) : null;
      for (let from = 0; from < planned; from += chunkAccounts) {
        const { ids, facts } = await next!;
        next = from + chunkAccounts < planned ? readFacts(from + chunkAccounts) : null;
        if (this.#closing) {
          state = 'failed';
          break;
        }
        const chunk = await inClientTransaction(client, async (tx) => {
          // The run's row is locked for the chunk: a cancel waits for it, and is seen before the next.
          if ((await lockRunState(tx, runId)) !== 'running') return null;
          const chunkOutcomes = emptyRunOutcomes();
          const rows = emptyNewCredits();
          decide(facts, chunkOutcomes, rows);
          let written = { written: 0, amountMinor: 0 };
          if (rows.ids.length > 0) {
            const batch = await nextCarrierBatch(tx);
            written = await insertCredits(tx, rows, {
              outageId: outage.id,
              policyId: policyRow.id,
              policyCode: policyRow.code,
              currency: policy.currency,
              scheduledOn: asOf.slice(0, 10),
              createdAt: asOf,
              carrierBatch: batch,
            });
            await recordRunProgress(tx, runId, from + ids.length, written.written, chunkOutcomes);
            // Last: the log lock is held from here to the commit only.
            if (written.written > 0) {
              await appendLogs(tx, [], [
                { entity: 'carrier_batch', entityId: String(batch), audience: { kind: 'all' }, data: { batch, source: 'policy_run', runId, tables: ['credits'] } },
              ]);
            }
          } else {
            await recordRunProgress(tx, runId, from + ids.length, 0, chunkOutcomes);
          }
          return { outcomes: chunkOutcomes, ...written };
        });
        if (chunk === null) {
          state = 'cancelled';
          break;
        }
        for (const key of Object.keys(outcomes) as (keyof RunOutcomes)[]) outcomes[key] += chunk.outcomes[key];
        if (chunk.written > 0) {
          const total = totals.get(policy.currency) ?? { currency: policy.currency, credits: 0, amountMinor: 0 };
          total.credits += chunk.written;
          total.amountMinor += chunk.amountMinor;
          totals.set(policy.currency, total);
        }
        live.status = {
          ...live.status,
          done: from + ids.length,
          creditsWritten: live.status.creditsWritten + chunk.written,
          outcomes: { ...outcomes },
          totals: [...totals.values()].map((t) => ({ ...t })),
        };
        await this.#options.afterChunk?.({ ...live.status });
      }
    } catch (error) {
      state = 'failed';
      this.#options.onError?.(error);
    } finally {
      // A read begun for a chunk that will not run is waited for (and its failure ignored) before its connection goes back.
      await Promise.resolve(next).catch(() => undefined);
      reader?.release();
    }
    const finishedAt = this.#options.clock();
    try {
      if (state !== 'cancelled') {
        await inClientTransaction(client, async (tx) => {
          if (!(await finishPolicyRun(tx, runId, state, finishedAt))) return;
          await appendAudit(tx, {
            at: finishedAt,
            operatorId: caller?.operator.operatorId ?? null,
            desktopId: caller?.desktopId ?? null,
            action: 'policy_run.finished',
            target: `policy_run:${runId}`,
            before: null,
            after: { outageId: outage.id, policyCode: policyRow.code, state, accounts: live.status.done, creditsWritten: live.status.creditsWritten, totals: live.status.totals },
          });
        });
      }
      const row = await findPolicyRun(client, runId);
      live.status = { ...live.status, state: row?.state ?? state, finishedAt: row?.finishedAt ?? finishedAt.toISOString() };
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey]);
    } catch (error) {
      this.#options.onError?.(error);
      live.status = { ...live.status, state: 'failed', finishedAt: finishedAt.toISOString() };
    }
    return { ...live.status };
  }

  /** The newest status: this process's own for a run it is running or ran, else the stored record. */
  async status(runId: string): Promise<HubPolicyRun> {
    const live = this.#live.get(runId);
    if (live) return { ...live.status };
    const row = await findPolicyRun(this.#pool, runId);
    if (!row) throw new HubFailure('NOT_FOUND');
    return this.#stored(row);
  }

  async #stored(row: PolicyRunRow): Promise<HubPolicyRun> {
    let state = row.state;
    // Recorded as running, but no process holds its lock: it was cut off.
    if (state === 'running') {
      const key = BigInt(runLockKey(row.outageId, row.policyId));
      const { rows } = await this.#pool.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted
           AND classid::bigint = $1 AND objid::bigint = $2) AS held`,
        [(key >> 32n).toString(), (key & 0xffffffffn).toString()],
      );
      if (!rows[0]!.held) state = 'failed';
    }
    return fromRow(row, await sumRunCredits(this.#pool, row), state);
  }

  /** Stops a running run after the chunk it is writing (its row lock makes this wait for it); audited. */
  async cancel(caller: Caller | null, runId: string, now: Date): Promise<HubPolicyRun> {
    const cancelled = await inTransaction(this.#pool, async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        "UPDATE policy_runs SET state = 'cancelled', finished_at = $2 WHERE id = $1 AND state = 'running' RETURNING id",
        [runId, now],
      );
      if (rows.length === 0) return false;
      await appendAudit(tx, {
        at: now,
        operatorId: caller?.operator.operatorId ?? null,
        desktopId: caller?.desktopId ?? null,
        action: 'policy_run.cancelled',
        target: `policy_run:${runId}`,
        before: { state: 'running' },
        after: { state: 'cancelled' },
      });
      return true;
    });
    const live = this.#live.get(runId);
    if (live && cancelled) live.status = { ...live.status, state: 'cancelled', finishedAt: now.toISOString() };
    return this.status(runId);
  }

  async list(query: { outageId?: number | undefined; limit: number }): Promise<HubPolicyRun[]> {
    const rows = await listPolicyRuns(this.#pool, query.outageId, query.limit);
    return Promise.all(rows.map((row) => {
      const live = this.#live.get(row.runId);
      return live ? { ...live.status } : this.#stored(row);
    }));
  }

  /** Resolves with the run's final status (tests, shutdown). */
  settled(runId: string): Promise<HubPolicyRun> {
    const live = this.#live.get(runId);
    return live ? live.done : this.status(runId);
  }

  /** Stops every run of this process after its current chunk (recorded failed: a later start resumes it). */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all([...this.#live.values()].map((live) => live.done.catch(() => undefined)));
  }
}
