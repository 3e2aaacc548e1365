import type Database from 'better-sqlite3';
import type { FeedEntity, FeedFormat } from '@shared/feeds/feed-entities';
import { cachedStatement } from '../db/statement-cache';

export type RunState = 'checking' | 'importing' | 'done' | 'cancelled' | 'refused' | 'failed';

export interface RunFileRow {
  position: number;
  fileName: string;
  entity: FeedEntity;
  format: FeedFormat;
  rowsTotal: number;
  rowsDone: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problem: string | null;
  problemLine: number | null;
  problemDetail: string | null;
}

export interface RunRow {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  state: RunState;
  reportPath: string | null;
}

export interface RejectionRow {
  fileName: string;
  line: number;
  field: string;
  reason: string;
  detail: string;
}

export interface FileCounts {
  rowsDone: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

const sql = {
  insertRun: 'INSERT INTO import_runs (id, started_by, started_at, state) VALUES (?, ?, ?, ?)',
  setState: 'UPDATE import_runs SET state = ?, finished_at = ?, report_path = ? WHERE id = ?',
  insertFile: `INSERT INTO import_run_files (run_id, position, file_name, entity, format, rows_total, problem, problem_line, problem_detail)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  addCounts: `UPDATE import_run_files SET rows_done = rows_done + ?, inserted = inserted + ?, updated = updated + ?,
    unchanged = unchanged + ?, rejected = rejected + ? WHERE run_id = ? AND position = ?`,
  insertRejection: 'INSERT INTO import_rejections (run_id, position, line, field, reason, detail) VALUES (?, ?, ?, ?, ?, ?)',
  run: `SELECT id, started_at AS startedAt, finished_at AS finishedAt, state, report_path AS reportPath FROM import_runs WHERE id = ?`,
  files: `SELECT position, file_name AS fileName, entity, format, rows_total AS rowsTotal, rows_done AS rowsDone, inserted,
    updated, unchanged, rejected, problem, problem_line AS problemLine, problem_detail AS problemDetail
    FROM import_run_files WHERE run_id = ? ORDER BY position`,
  rejections: `SELECT f.file_name AS fileName, r.line, r.field, r.reason, r.detail FROM import_rejections r
    JOIN import_run_files f ON f.run_id = r.run_id AND f.position = r.position
    WHERE r.run_id = ? ORDER BY r.position, r.line, r.id`,
} as const;

export function insertImportRun(db: Database.Database, id: string, startedBy: number | null, startedAt: string, state: RunState): void {
  cachedStatement(db, sql.insertRun).run(id, startedBy, startedAt, state);
}

export function setImportRunState(db: Database.Database, id: string, state: RunState, finishedAt: string | null, reportPath: string | null): void {
  cachedStatement(db, sql.setState).run(state, finishedAt, reportPath, id);
}

export function insertImportRunFile(
  db: Database.Database,
  runId: string,
  file: Pick<RunFileRow, 'position' | 'fileName' | 'entity' | 'format' | 'rowsTotal' | 'problem' | 'problemLine' | 'problemDetail'>,
): void {
  cachedStatement(db, sql.insertFile).run(
    runId, file.position, file.fileName, file.entity, file.format, file.rowsTotal, file.problem, file.problemLine, file.problemDetail,
  );
}

export function addImportFileCounts(db: Database.Database, runId: string, position: number, counts: FileCounts): void {
  cachedStatement(db, sql.addCounts).run(counts.rowsDone, counts.inserted, counts.updated, counts.unchanged, counts.rejected, runId, position);
}

export function insertImportRejection(
  db: Database.Database,
  runId: string,
  position: number,
  line: number,
  problem: { field: string; reason: string; detail: string },
): void {
  cachedStatement(db, sql.insertRejection).run(runId, position, line, problem.field, problem.reason, problem.detail);
}

export function findImportRun(db: Database.Database, id: string): RunRow | undefined {
  return cachedStatement<[string], RunRow>(db, sql.run).get(id);
}

export function listImportRunFiles(db: Database.Database, runId: string): RunFileRow[] {
  return cachedStatement<[string], RunFileRow>(db, sql.files).all(runId);
}

/** Rejections in file and line order; iterated so a large report is never held at once. */
export function iterateImportRejections(db: Database.Database, runId: string): IterableIterator<RejectionRow> {
  return db.prepare<[string], RejectionRow>(sql.rejections).iterate(runId);
}

export function listImportRejections(db: Database.Database, runId: string, limit: number): RejectionRow[] {
  return db.prepare<[string, number], RejectionRow>(`${sql.rejections} LIMIT ?`).all(runId, limit);
}
