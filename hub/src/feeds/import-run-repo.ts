import type pg from 'pg';
import type { FeedEntity, FeedFormat } from '@shared/feeds/feed-entities';
import type { RowProblem } from '@shared/feeds/row-problem';
import type { Tx } from '../db/transaction';

/*
 * import_runs, import_run_files and import_rejections (hub migration 004): a run, its files
 * in load order with their counts (committed with the rows they count), every rejected row.
 */

export type HubRunState = 'checking' | 'importing' | 'done' | 'cancelled' | 'refused' | 'failed';

type Db = pg.Pool | pg.PoolClient;

export interface NewRun {
  readonly id: string;
  readonly origin: 'desktop' | 'command_line';
  readonly startedBy: number | null;
  readonly desktopId: string | null;
  readonly startedAt: Date;
}

export async function insertImportRun(db: Db, run: NewRun): Promise<void> {
  await db.query(
    `INSERT INTO import_runs (id, started_by, desktop_id, origin, started_at, state) VALUES ($1, $2, $3, $4, $5, 'checking')`,
    [run.id, run.startedBy, run.desktopId, run.origin, run.startedAt],
  );
}

export interface RunFile {
  readonly position: number;
  readonly fileName: string;
  readonly entity: FeedEntity;
  readonly format: FeedFormat;
  readonly rowsTotal: number;
  readonly problem: string | null;
  readonly problemLine: number | null;
  readonly problemDetail: string | null;
}

export async function insertImportRunFiles(tx: Tx, runId: string, files: readonly RunFile[]): Promise<void> {
  if (files.length === 0) return;
  await tx.query(
    `INSERT INTO import_run_files (run_id, position, file_name, entity, format, rows_total, problem, problem_line, problem_detail)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[], $9::text[])`,
    [
      runId,
      files.map((f) => f.position),
      files.map((f) => f.fileName),
      files.map((f) => f.entity),
      files.map((f) => f.format),
      files.map((f) => f.rowsTotal),
      files.map((f) => f.problem),
      files.map((f) => f.problemLine),
      files.map((f) => f.problemDetail),
    ],
  );
}

/** Moves a run on, unless it has already ended (a cancel from another request wins over a late 'done'). */
export async function setImportRunState(db: Db, runId: string, state: HubRunState, finishedAt: Date | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE import_runs SET state = $2, finished_at = $3 WHERE id = $1 AND state IN ('checking', 'importing')`,
    [runId, state, finishedAt],
  );
  return (rowCount ?? 0) > 0;
}

/** The run's state, its row locked until the transaction ends: a chunk commits only while its run is still importing. */
export async function lockImportRunState(tx: Tx, runId: string): Promise<HubRunState | null> {
  const { rows } = await tx.query<{ state: HubRunState }>('SELECT state FROM import_runs WHERE id = $1 FOR UPDATE', [runId]);
  return rows[0]?.state ?? null;
}

/** A cancel asked for by anyone (another hub process included): the runner sees it at its next chunk and commits no more. */
export async function cancelImportRun(db: Db, runId: string, now: Date): Promise<boolean> {
  return setImportRunState(db, runId, 'cancelled', now);
}

export interface ChunkCounts {
  rowsDone: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export function emptyCounts(): ChunkCounts {
  return { rowsDone: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
}

export async function addImportFileCounts(tx: Tx, runId: string, position: number, counts: ChunkCounts): Promise<void> {
  await tx.query(
    `UPDATE import_run_files SET rows_done = rows_done + $3, inserted = inserted + $4, updated = updated + $5,
       unchanged = unchanged + $6, rejected = rejected + $7 WHERE run_id = $1 AND position = $2`,
    [runId, position, counts.rowsDone, counts.inserted, counts.updated, counts.unchanged, counts.rejected],
  );
}

export interface LineProblem {
  readonly line: number;
  readonly problem: RowProblem;
}

/** The rows a chunk's check refused, in one statement. */
export async function insertImportRejections(tx: Tx, runId: string, position: number, problems: readonly LineProblem[]): Promise<void> {
  if (problems.length === 0) return;
  await tx.query(
    `INSERT INTO import_rejections (run_id, position, line, field, reason, detail)
     SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[])`,
    [runId, position, problems.map((p) => p.line), problems.map((p) => p.problem.field), problems.map((p) => p.problem.reason), problems.map((p) => p.problem.detail)],
  );
}

export interface RunRow {
  readonly id: string;
  readonly origin: string;
  readonly state: HubRunState;
  readonly startedBy: number | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
}

export async function findImportRun(db: Db, runId: string): Promise<RunRow | null> {
  const { rows } = await db.query<RunRow>(
    `SELECT id, origin, state, started_by AS "startedBy", started_at AS "startedAt", finished_at AS "finishedAt" FROM import_runs WHERE id = $1`,
    [runId],
  );
  return rows[0] ?? null;
}

export interface RunFileRow extends RunFile {
  readonly rowsDone: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

export async function listImportRunFiles(db: Db, runId: string): Promise<RunFileRow[]> {
  const { rows } = await db.query<RunFileRow>(
    `SELECT position, file_name AS "fileName", entity, format, rows_total AS "rowsTotal", rows_done AS "rowsDone", inserted, updated,
       unchanged, rejected, problem, problem_line AS "problemLine", problem_detail AS "problemDetail"
     FROM import_run_files WHERE run_id = $1 ORDER BY position`,
    [runId],
  );
  return rows;
}

export interface RejectionRow {
  readonly fileName: string;
  readonly line: number;
  readonly field: string;
  readonly reason: string;
  readonly detail: string;
}

/** Rejected rows of a run in file and line order, a page at a time (`afterId` from the last row's id). */
export async function listImportRejections(db: Db, runId: string, limit: number, offset = 0): Promise<RejectionRow[]> {
  const { rows } = await db.query<RejectionRow>(
    `SELECT f.file_name AS "fileName", r.line, r.field, r.reason, r.detail
     FROM import_rejections r JOIN import_run_files f ON f.run_id = r.run_id AND f.position = r.position
     WHERE r.run_id = $1 ORDER BY r.position, r.line, r.id LIMIT $2 OFFSET $3`,
    [runId, limit, offset],
  );
  return rows;
}

/**
 * Called by a runner holding the import lock: every other run the database shows under way has
 * no runner (it was killed), so it is marked failed. A run still waiting for its uploads (no
 * files recorded yet) is left alone.
 */
export async function failAbandonedRuns(db: Db, currentRunId: string, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE import_runs r SET state = 'failed', finished_at = $1 WHERE r.id <> $2 AND (r.state = 'importing'
       OR (r.state = 'checking' AND EXISTS (SELECT 1 FROM import_run_files f WHERE f.run_id = r.id)))`,
    [now, currentRunId],
  );
  return rowCount ?? 0;
}
