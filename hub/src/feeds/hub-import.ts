import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createCompactKeySet } from '@shared/feeds/compact-key-set';
import { detectFeedFile, feedLoadOrder, type FeedEntity, type FeedFileKind } from '@shared/feeds/feed-entities';
import { FeedFileError, type FileProblem } from '@shared/feeds/feed-file-error';
import { feedRecordsOfText } from '@shared/feeds/feed-records';
import { feedKeyField, feedRowKey, type CreditFeedRow, type CreditPolicyFeedRow, type FeedRows } from '@shared/feeds/feed-row-schemas';
import { checkFeedRow } from '@shared/feeds/row-problem';
import type { CarrierTable, RemovedOutagePolicy } from '@shared/hub/changes';
import { HubFailure } from '../common/hub-failure';
import type { Tx } from '../db/transaction';
import { appendLogs, type NewAuditEvent } from '../logs/log-batch';
import { decodedText, type FeedSource } from './feed-text';
import { isStagedEntity, readFileFacts, stagedFeeds, type FileFacts, type MergeContext, type StagedEntity, type StagedFeed } from './feed-merge';
import {
  addImportFileCounts,
  emptyCounts,
  failAbandonedRuns,
  insertImportRejections,
  insertImportRun,
  insertImportRunFiles,
  listImportRunFiles,
  lockImportRunState,
  setImportRunState,
  type ChunkCounts,
  type HubRunState,
  type LineProblem,
  type RunFile,
} from './import-run-repo';
import { mergeCredits, type CreditRow } from './credit-merge';
import { mergePolicies, type PolicyRow } from './policy-merge';

/*
 * Feed import at the hub (issue 12): the same files, rules and counts as the desktop's import
 * (docs/FEEDS.md), into PostgreSQL.
 *
 * 1. Check: every file is read once for its structure (name, UTF-8, header, quoting, cut-off
 *    end) and its rows counted. A malformed file refuses the whole run before anything changes.
 * 2. Import, file by file in load order, by chunks (CHUNK_ROWS): each row is validated by the
 *    shared row schemas and checked against the keys before it in the file; valid rows are
 *    streamed by COPY into a staging table while the file is still being read, rejected ones
 *    kept with their line, field and reason. At the chunk's end one transaction merges the
 *    staged rows set-based (feed-merge.ts), records the rejections and the file's counts,
 *    stamps what it wrote with one carrier batch and appends one `carrier_batch` change-log
 *    entry, then commits. A crash loses at most the chunk in flight; a run again converges on
 *    the same state, because unchanged rows (same feed hash) are left as they are.
 * 3. Cancel (from this process, or any other through import_runs.state) is seen at each chunk's
 *    end: a cancelled run commits no further chunk.
 *
 * One import at a time, site-wide: the runner holds a session advisory lock on its connection
 * (released if the process dies with it); a second start is CONFLICT.
 */

export const CHUNK_ROWS = 50_000;
/** pg_advisory_lock key of the one running import. */
export const IMPORT_LOCK = 7_242_020;
const COPY_FLUSH_CHARS = 1 << 16;

export interface ScannedFeed {
  readonly source: FeedSource;
  readonly kind: FeedFileKind | null;
  readonly rows: number;
  readonly problem: { code: FileProblem; line: number | null; detail: string } | null;
}

/** Checks a file's structure and counts its rows, writing nothing. */
export async function scanFeed(source: FeedSource): Promise<ScannedFeed> {
  const kind = detectFeedFile(source.fileName);
  if (!kind) return { source, kind, rows: 0, problem: { code: 'UNKNOWN_FILE', line: null, detail: 'not a feed file name' } };
  let rows = 0;
  try {
    for await (const records of feedRecordsOfText(decodedText(source.open()), kind, false)) rows += records.length;
  } catch (error) {
    if (!(error instanceof FeedFileError)) throw error;
    return { source, kind, rows, problem: { code: error.problem, line: error.line, detail: error.detail } };
  }
  return { source, kind, rows, problem: null };
}

function byLoadOrder(a: ScannedFeed, b: ScannedFeed): number {
  const order = (f: ScannedFeed) => (f.kind ? feedLoadOrder(f.kind.entity) : 99);
  return order(a) - order(b) || a.source.fileName.localeCompare(b.source.fileName);
}

export interface FileProgress {
  readonly runId: string;
  readonly position: number;
  readonly fileName: string;
  readonly entity: FeedEntity;
  readonly rowsTotal: number;
  readonly counts: ChunkCounts;
}

export interface ImportHooks {
  /** After each committed chunk (tests kill the run here). */
  readonly afterChunk?: (file: FileProgress) => Promise<void> | void;
}

export interface RunImportOptions {
  readonly pool: pg.Pool;
  readonly sources: readonly FeedSource[];
  readonly clock: () => Date;
  /** A run made earlier by createImportRun (uploads); a new one when not given. */
  readonly runId?: string;
  readonly origin?: 'desktop' | 'command_line';
  readonly startedBy?: number | null;
  readonly desktopId?: string | null;
  readonly chunkRows?: number;
  readonly onProgress?: (file: FileProgress) => void;
  /** Asked between chunks; true cancels the run after what is committed. */
  readonly shouldStop?: () => boolean;
  readonly hooks?: ImportHooks;
}

export interface ImportRunResult {
  readonly runId: string;
  readonly state: HubRunState;
  readonly files: readonly (FileProgress & { problem: ScannedFeed['problem']; format: string })[];
  readonly rejected: number;
}

/** Records a new run in 'checking' (the desktop's files are uploaded next); CONFLICT while another import runs. */
export async function createImportRun(
  pool: pg.Pool,
  run: { origin: 'desktop' | 'command_line'; startedBy: number | null; desktopId: string | null; now: Date },
): Promise<string> {
  if (await importRunning(pool)) throw new HubFailure('CONFLICT', { reason: 'import_running' });
  const id = randomUUID();
  await insertImportRun(pool, { id, origin: run.origin, startedBy: run.startedBy, desktopId: run.desktopId, startedAt: run.now });
  return id;
}

/** Whether some hub process is importing now (it holds the import lock). */
export async function importRunning(db: pg.Pool | pg.PoolClient): Promise<boolean> {
  const { rows } = await db.query<{ held: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $1 AND objsubid = 1) AS held`,
    [IMPORT_LOCK],
  );
  return rows[0]!.held;
}

function auditEvent(runId: string, startedBy: number | null, desktopId: string | null, state: HubRunState, files: readonly unknown[], rejected: number, at: Date): NewAuditEvent {
  return { at, operatorId: startedBy, desktopId, action: 'feed_import.finished', target: `import_run:${runId}`, before: null, after: { state, files, rejected } };
}

async function inClientTransaction<T>(client: pg.PoolClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Runs an import of `sources` to its end (done, refused, cancelled) on one connection of the
 * pool; throws when the database fails (the run is then marked failed if it still can be).
 */
export async function runFeedImport(options: RunImportOptions): Promise<ImportRunResult> {
  const { pool, clock } = options;
  const client = await pool.connect();
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  let locked = false;
  let runId = options.runId ?? null;
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [IMPORT_LOCK]);
    if (!rows[0]!.ok) throw new HubFailure('CONFLICT', { reason: 'import_running' });
    locked = true;
    if (runId === null) {
      runId = randomUUID();
      await insertImportRun(client, {
        id: runId,
        origin: options.origin ?? 'command_line',
        startedBy: options.startedBy ?? null,
        desktopId: options.desktopId ?? null,
        startedAt: clock(),
      });
    }
    await failAbandonedRuns(client, runId, clock());
    // Indexes an import cut off during a first load had set aside are built before anything else.
    await restoreCarrierIndexes(client);
    return await execute(client, runId, options);
  } catch (error) {
    broken ||= !(error instanceof HubFailure);
    if (runId !== null && locked) await setImportRunState(pool, runId, 'failed', clock()).catch(() => undefined);
    throw error;
  } finally {
    if (locked && !broken) await restoreCarrierIndexes(client).catch(() => (broken = true));
    if (locked && !broken) await client.query('SELECT pg_advisory_unlock($1)', [IMPORT_LOCK]).catch(() => (broken = true));
    client.removeListener('error', onError);
    // A connection that failed mid-run is not given back: its session (lock, staging tables) ends with it.
    client.release(broken ? true : undefined);
  }
}

/**
 * At a hub process's start: builds the secondary indexes an import cut off during a first load
 * left set aside, unless some hub process is importing now (its own end builds them). Returns
 * how many were built.
 */
export async function restoreIndexesLeftAside(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [IMPORT_LOCK]);
    if (!rows[0]!.ok) return 0;
    try {
      return Number((await client.query<{ n: number }>('SELECT ocd_restore_carrier_indexes() AS n')).rows[0]!.n);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [IMPORT_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Builds the secondary indexes a first load set aside (hub migration 014); nothing when none is. */
async function restoreCarrierIndexes(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT ocd_restore_carrier_indexes()');
}

/** The tables whose secondary indexes a first load sets aside while they are empty. */
const INDEXES_SET_ASIDE: ReadonlySet<FeedEntity> = new Set<FeedEntity>(['accounts', 'lines', 'impacts']);

async function execute(client: pg.PoolClient, runId: string, options: RunImportOptions): Promise<ImportRunResult> {
  const { clock } = options;
  const startedBy = options.startedBy ?? null;
  const desktopId = options.desktopId ?? null;
  const scanned: ScannedFeed[] = [];
  for (const source of options.sources) scanned.push(await scanFeed(source));
  scanned.sort(byLoadOrder);
  const refused = scanned.length === 0 || scanned.some((f) => f.problem !== null);
  const runFiles: RunFile[] = scanned.flatMap((f, position) =>
    f.kind
      ? [{ position, fileName: f.source.fileName, entity: f.kind.entity, format: f.kind.format, rowsTotal: f.rows, problem: f.problem?.code ?? null, problemLine: f.problem?.line ?? null, problemDetail: f.problem?.detail ?? null }]
      : [],
  );
  const progress: (FileProgress & { problem: ScannedFeed['problem']; format: string })[] = scanned.map((f, position) => ({
    runId,
    position,
    fileName: f.source.fileName,
    entity: f.kind?.entity ?? 'accounts',
    format: f.kind?.format ?? '',
    rowsTotal: f.rows,
    counts: emptyCounts(),
    problem: f.problem,
  }));
  // Nothing is applied when any file is malformed: the files depend on each other.
  await inClientTransaction(client, async (tx) => {
    await insertImportRunFiles(tx, runId, runFiles);
    await tx.query(`UPDATE import_runs SET state = $2, finished_at = $3 WHERE id = $1`, [runId, refused ? 'refused' : 'importing', refused ? clock() : null]);
    if (refused) await appendLogs(tx, [auditEvent(runId, startedBy, desktopId, 'refused', await summary(tx, runId), 0, clock())], []);
  });
  if (refused) return { runId, state: 'refused', files: progress, rejected: 0 };

  let state: HubRunState = 'done';
  for (const file of progress) {
    const scan = scanned[file.position]!;
    const stopped = await importFile(client, runId, scan, file, options);
    if (stopped) {
      state = 'cancelled';
      break;
    }
  }
  const rejected = progress.reduce((sum, f) => sum + f.counts.rejected, 0);
  await inClientTransaction(client, async (tx) => {
    const current = await lockImportRunState(tx, runId);
    // A cancel that came from elsewhere already ended the run; the audit says how it ended.
    const final: HubRunState = current === 'importing' ? state : (current ?? state);
    if (current === 'importing') await tx.query('UPDATE import_runs SET state = $2, finished_at = $3 WHERE id = $1', [runId, final, clock()]);
    state = final;
    await appendLogs(tx, [auditEvent(runId, startedBy, desktopId, final, await summary(tx, runId), rejected, clock())], []);
  });
  return { runId, state, files: progress, rejected };
}

async function summary(tx: Tx, runId: string) {
  return (await listImportRunFiles(tx, runId)).map((f) => ({
    fileName: f.fileName,
    entity: f.entity,
    rowsTotal: f.rowsTotal,
    inserted: f.inserted,
    updated: f.updated,
    unchanged: f.unchanged,
    rejected: f.rejected,
    problem: f.problem,
  }));
}

/** A chunk being built: its counts, rejected lines, and (staged feeds) its rows as COPY text. */
interface Chunk {
  readonly counts: ChunkCounts;
  readonly problems: LineProblem[];
  readonly policies: PolicyRow[];
  readonly credits: CreditRow[];
  readonly text: string[];
  pending: string;
}

function newChunk(): Chunk {
  return { counts: emptyCounts(), problems: [], policies: [], credits: [], text: [], pending: '' };
}

/** Imports one file by chunks (importChunks); true when the run was cancelled. */
async function importFile(client: pg.PoolClient, runId: string, scan: ScannedFeed, file: FileProgress, options: RunImportOptions): Promise<boolean> {
  const entity = scan.kind!.entity;
  const staged = isStagedEntity(entity) ? (stagedFeeds[entity] as StagedFeed<StagedEntity>) : null;
  if (staged) await client.query(staged.ddl);
  // Read before the file's first chunk: what its own chunks commit never changes them (keys are unique in a file).
  const facts: FileFacts = staged ? await readFileFacts(client, entity as StagedEntity) : { targetWasEmpty: false, unsourcedAccounts: false, impactsWereEmpty: false };
  // Into a table empty at the file's start every row is new: its secondary indexes are built once at the file's end.
  const setAside = facts.targetWasEmpty && INDEXES_SET_ASIDE.has(entity)
    ? Number((await client.query<{ n: number }>('SELECT ocd_set_aside_carrier_indexes($1) AS n', [entity])).rows[0]!.n) > 0
    : false;
  try {
    return await importChunks(client, runId, scan, file, options, staged, facts);
  } finally {
    // On an error the connection may be gone: the run's end, or else the next run's start, builds them.
    if (setAside) await restoreCarrierIndexes(client).catch(() => undefined);
  }
}

/**
 * The file's chunks. The file is read one chunk ahead: while PostgreSQL merges a chunk, this
 * process parses, checks and encodes the next (at most one chunk waits, so memory stays flat).
 */
async function importChunks(
  client: pg.PoolClient,
  runId: string,
  scan: ScannedFeed,
  file: FileProgress,
  options: RunImportOptions,
  staged: StagedFeed<StagedEntity> | null,
  facts: FileFacts,
): Promise<boolean> {
  const kind = scan.kind!;
  const entity = kind.entity;
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  const keyField = feedKeyField(entity);
  // Every key of the file so far (the first row with a key wins): millions of them, so not a Set of strings.
  const seen = createCompactKeySet();

  /** Writes one chunk in one transaction; true when the run was cancelled (nothing of the chunk is kept then). */
  const commitChunk = async (current: Chunk): Promise<boolean> => {
    await client.query('BEGIN');
    try {
      if (staged) {
        if (current.pending.length > 0) current.text.push(current.pending);
        const copy = client.query(copyFrom(staged.copy));
        const done = once(copy, 'finish');
        // once() rejects when the stream errors while it waits.
        for (const part of current.text) if (!copy.write(part)) await once(copy, 'drain');
        copy.end();
        await done;
      }
      const state = await lockImportRunState(client, runId);
      if (state !== 'importing' || options.shouldStop?.()) {
        await client.query('ROLLBACK');
        return true;
      }
      // The merge joins a chunk of staged rows to tables of millions by their unique keys: index
      // probes per staged row, never a scan of the whole table per chunk (which a hash join over
      // an unanalysed staging table picks, and which makes a large import quadratic).
      await client.query('SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off');
      const { rows } = await client.query<{ batch: string }>(`SELECT nextval('carrier_batch_seq') AS batch`);
      const context: MergeContext = { runId, position: file.position, batch: Number(rows[0]!.batch), now: options.clock(), facts };
      let tables: readonly CarrierTable[] = [];
      let merged = { inserted: 0, updated: 0, rejected: 0 };
      let removed: RemovedOutagePolicy[] = [];
      if (staged) {
        merged = await staged.merge(client, context);
        tables = staged.tables;
      } else if (entity === 'credit_policies') {
        const result = await mergePolicies(client, current.policies, context);
        current.problems.push(...result.problems);
        merged = { inserted: result.inserted, updated: result.updated, rejected: 0 };
        tables = ['credit_policies', 'outage_policies'];
        removed = result.removed;
      } else if (entity === 'credits') {
        const result = await mergeCredits(client, current.credits, context);
        current.problems.push(...result.problems);
        merged = { inserted: result.inserted, updated: result.updated, rejected: 0 };
        tables = ['credits'];
      }
      await insertImportRejections(client, runId, file.position, current.problems);
      const counts = current.counts;
      counts.rejected += current.problems.length + merged.rejected;
      counts.inserted += merged.inserted;
      counts.updated += merged.updated;
      counts.unchanged = counts.rowsDone - counts.rejected - counts.inserted - counts.updated;
      await addImportFileCounts(client, runId, file.position, counts);
      if (merged.inserted + merged.updated > 0) {
        await appendLogs(
          client,
          [],
          [
            {
              entity: 'carrier_batch',
              entityId: String(context.batch),
              audience: { kind: 'all' },
              // A deleted row carries no batch stamp: the entry names it, so desktops that hold it delete it too.
              data: { batch: context.batch, source: 'import', runId, tables, ...(removed.length > 0 ? { removed: { outage_policies: removed } } : {}) },
            },
          ],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      // A COPY cut off mid-stream leaves the connection unusable: the runner then drops it (runFeedImport).
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    for (const key of Object.keys(file.counts) as (keyof ChunkCounts)[]) file.counts[key] += current.counts[key];
    options.onProgress?.(file);
    await options.hooks?.afterChunk?.(file);
    return options.shouldStop?.() ?? false;
  };

  let chunk = newChunk();
  let inflight: Promise<boolean> | null = null;
  try {
    for await (const records of feedRecordsOfText(decodedText(scan.source.open()), kind)) {
      for (const record of records) {
        chunk.counts.rowsDone += 1;
        if (record.notJson) {
          chunk.problems.push({ line: record.line, problem: { field: '', reason: 'not_json', detail: 'the line is not JSON' } });
        } else {
          const checked = checkFeedRow(entity, record.value);
          if (!checked.ok) {
            chunk.problems.push({ line: record.line, problem: checked.problem });
          } else {
            const key = feedRowKey(entity, checked.row);
            if (!seen.add(key)) {
              chunk.problems.push({ line: record.line, problem: { field: keyField, reason: 'duplicate_key', detail: `${key} appears earlier in the file` } });
            } else if (staged) {
              chunk.pending += staged.encode(checked.row as FeedRows[StagedEntity], record.line);
              if (chunk.pending.length >= COPY_FLUSH_CHARS) {
                chunk.text.push(chunk.pending);
                chunk.pending = '';
              }
            } else if (entity === 'credit_policies') {
              chunk.policies.push({ line: record.line, row: checked.row as CreditPolicyFeedRow });
            } else {
              chunk.credits.push({ line: record.line, row: checked.row as CreditFeedRow });
            }
          }
        }
        if (chunk.counts.rowsDone >= chunkRows) {
          if (inflight && (await inflight)) return true;
          inflight = commitChunk(chunk);
          chunk = newChunk();
        }
      }
    }
    if (inflight && (await inflight)) return true;
    inflight = null;
    if (chunk.counts.rowsDone > 0) return await commitChunk(chunk);
    return false;
  } finally {
    // Left early (an error, a file changed since its check): the chunk in flight ends before the error goes on.
    if (inflight) await (inflight as Promise<boolean>).catch(() => undefined);
  }
}
