import { readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type Database from 'better-sqlite3';
import { appendAudit } from '../audit/audit-log';
import { detectFeedFile, feedLoadOrder } from '@shared/feeds/feed-entities';
import type { FeedScanResult, ImportFileResult, ImportRejection, ImportStatus } from '@shared/ipc/feed-channels';
import { createUlidFactory } from '../credits/ulid';
import { scanFeedFile, type ScannedFile } from './feed-importer';
import { connectionSpec } from '../db/open-database';
import { writeImportRun, type RunWriteJob } from './feed-run-writer';
import { startWriteThread } from './write-thread';
import { whileWorkerWrites } from '../db/write-contention';
import {
  findImportRun,
  insertImportRun,
  insertImportRunFile,
  listImportRejections,
  listImportRunFiles,
  type FileCounts,
  setImportRunState,
  type RunState,
} from './feed-run-repo';
import { restoreLoadSchema } from './suspended-schema-repo';

export type PickMode = 'files' | 'folder';

/** Asks the operator for feed files or a folder (a dialog in the app, fixed paths in tests); null when cancelled. */
export type PickFeedFiles = (mode: PickMode) => Promise<readonly string[] | null>;

export interface FeedImportDeps {
  readonly db: Database.Database;
  readonly clock: () => Date;
  readonly pickFeedFiles: PickFeedFiles;
  /** Where rejected-row reports go: a folder main chose. */
  readonly reportsDir: string;
  /** Time for rates only (rows per second), never stored. */
  readonly monotonicMs?: () => number;
  readonly onError?: (error: unknown) => void;
  /** Rows per transaction; the default suits the app, tests use small ones for many commit points. */
  readonly batchRows?: number;
  /** Told after each committed batch (the kill test waits on it). */
  readonly onBatchCommitted?: (runId: string, rowsDone: number) => void;
  /**
   * False writes on this thread through `db` (the benchmark's "before"); by default a file
   * database is written by a worker thread with its own connection, an in-memory one in place.
   */
  readonly writeThread?: boolean;
}

const SHOWN_REJECTIONS = 100;
const KEPT_SCANS = 8;

interface LiveRun {
  state: RunState;
  files: ScannedFile[];
  rowsDone: number;
  rowsTotal: number;
  importStartedMs: number | null;
  cancelRequested: boolean;
  finished: Promise<void>;
  startedBy: number | null;
  /** Tells the writer thread to stop, while one writes the run. */
  cancelThread: (() => void) | null;
}

export interface FeedImportService {
  scan(mode: PickMode): Promise<FeedScanResult>;
  /** The files a scan chose, in the order picked; null for an unknown (expired) scan. The hub import streams them. */
  scanPaths(scanId: string): readonly string[] | null;
  /** Null when the scan is unknown (expired) or a run is already going. */
  start(scanId: string, operatorId: number | null): { runId: string } | { error: 'NOT_FOUND' | 'CONFLICT' };
  status(runId: string): ImportStatus | null;
  /**
   * The report of rejected rows main wrote for a run, as recorded with it; null for an unknown
   * run, a run without one, or a recorded path outside the reports folder (never opened).
   */
  reportPath(runId: string): string | null;
  cancel(runId: string): boolean;
  /** Resolves when the run has ended; for tests and scripts. */
  finished(runId: string): Promise<void>;
}

function listFolder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && detectFeedFile(entry.name) !== null)
    .map((entry) => join(dir, entry.name))
    .sort();
}

function byLoadOrder(a: ScannedFile, b: ScannedFile): number {
  const order = (f: ScannedFile) => (f.kind ? feedLoadOrder(f.kind.entity) : 99);
  return order(a) - order(b) || a.fileName.localeCompare(b.fileName);
}

function toSummary(file: ScannedFile) {
  return { fileName: file.fileName, entity: file.kind?.entity ?? null, format: file.kind?.format ?? null, rows: file.rows, problem: file.problem };
}

export function createFeedImportService(deps: FeedImportDeps): FeedImportService {
  const { db } = deps;
  const mono = deps.monotonicMs ?? (() => performance.now());
  const scans = new Map<string, readonly string[]>();
  /** What the last check of each path found, with the size and time of the file it checked. */
  const checked = new Map<string, { file: ScannedFile; stamp: string }>();
  const runs = new Map<string, LiveRun>();
  let active: string | null = null;
  // A first load that was killed left its indexes set aside: rebuild them before anything reads.
  restoreLoadSchema(db);

  function stampOf(path: string): string {
    try {
      const stat = statSync(path);
      return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
    } catch {
      return 'missing';
    }
  }

  /**
   * Checks each file; a file unchanged (size, time, inode) since the scan the admin just
   * saw is not read again, which spares a whole pass over a large feed.
   */
  async function scanPaths(paths: readonly string[]): Promise<ScannedFile[]> {
    const files: ScannedFile[] = [];
    for (const path of paths) {
      const stamp = stampOf(path);
      const known = checked.get(path);
      const file = known && known.stamp === stamp && stamp !== 'missing' ? known.file : await scanFeedFile(path);
      checked.set(path, { file, stamp });
      files.push(file);
    }
    return files.sort(byLoadOrder);
  }

  async function execute(runId: string, run: LiveRun, paths: readonly string[]): Promise<void> {
    const files = await scanPaths(paths);
    run.files = files;
    run.rowsTotal = files.reduce((sum, f) => sum + f.rows, 0);
    const refused = files.some((f) => f.problem !== null);
    db.transaction(() => {
      files.forEach((file, position) => {
        if (!file.kind) return;
        insertImportRunFile(db, runId, {
          position,
          fileName: file.fileName,
          entity: file.kind.entity,
          format: file.kind.format,
          rowsTotal: file.rows,
          problem: file.problem?.code ?? null,
          problemLine: file.problem?.line ?? null,
          problemDetail: file.problem?.detail ?? null,
        });
      });
      // Nothing is applied when any file is malformed: the files depend on each other.
      setImportRunState(db, runId, refused ? 'refused' : 'importing', refused ? deps.clock().toISOString() : null, null);
      if (refused) auditImportRun(runId, run, 'refused');
    }).immediate();
    if (refused) {
      run.state = 'refused';
      return;
    }
    run.state = 'importing';
    run.importStartedMs = mono();
    const job: RunWriteJob = {
      runId,
      files: files.flatMap((file, position) => (file.kind ? [{ position, path: file.path, kind: file.kind }] : [])),
      reportsDir: deps.reportsDir,
      ...(deps.batchRows ? { batchRows: deps.batchRows } : {}),
    };
    const onBatch = (counts: FileCounts) => {
      run.rowsDone += counts.rowsDone;
      deps.onBatchCommitted?.(runId, run.rowsDone);
    };
    // The writes, commits and a first load's index rebuild run on a thread of their own with
    // its own connection, so this thread keeps answering (searches read on through WAL).
    const spec = deps.writeThread === false ? null : connectionSpec(db);
    const { stopped, reportPath } = spec
      ? await writeOnThread(spec, job, run, onBatch)
      : await writeImportRun(db, job, { now: async () => deps.clock(), onBatch, shouldStop: () => run.cancelRequested });
    run.state = stopped ? 'cancelled' : 'done';
    const state = run.state;
    db.transaction(() => {
      setImportRunState(db, runId, state, deps.clock().toISOString(), reportPath);
      auditImportRun(runId, run, state);
    }).immediate();
  }

  /** One summary event per run, with its counts per file: never one per row. */
  function auditImportRun(runId: string, run: LiveRun, state: RunState): void {
    const files = listImportRunFiles(db, runId).map((f) => ({
      fileName: f.fileName,
      entity: f.entity,
      rowsTotal: f.rowsTotal,
      inserted: f.inserted,
      updated: f.updated,
      unchanged: f.unchanged,
      rejected: f.rejected,
      problem: f.problem,
    }));
    appendAudit(db, {
      operatorId: run.startedBy,
      action: 'feed_import.finished',
      target: `import_run:${runId}`,
      before: null,
      after: { state, files, rejected: files.reduce((sum, f) => sum + f.rejected, 0) },
      at: deps.clock(),
    });
  }

  async function writeOnThread(spec: NonNullable<ReturnType<typeof connectionSpec>>, job: RunWriteJob, run: LiveRun, onBatch: (counts: FileCounts) => void) {
    const thread = startWriteThread(spec, job, { now: deps.clock, onBatch });
    run.cancelThread = () => thread.cancel();
    if (run.cancelRequested) thread.cancel();
    try {
      return await whileWorkerWrites(db, () => thread.result);
    } catch (error) {
      // A thread that died outside its own clean-up may have left a first load's indexes set
      // aside: rebuilt here (on this thread, a failure path) rather than at the next start.
      if (db.open) restoreLoadSchema(db);
      throw error;
    } finally {
      run.cancelThread = null;
    }
  }

  function statusOf(runId: string): ImportStatus | null {
    const stored = findImportRun(db, runId);
    const live = runs.get(runId);
    if (!stored && !live) return null;
    const storedFiles = stored ? listImportRunFiles(db, runId) : [];
    const files: ImportFileResult[] = storedFiles.map((f) => ({
      fileName: f.fileName,
      entity: f.entity,
      format: f.format,
      rowsTotal: f.rowsTotal,
      rowsDone: f.rowsDone,
      inserted: f.inserted,
      updated: f.updated,
      unchanged: f.unchanged,
      rejected: f.rejected,
      problem: f.problem ? { code: f.problem as never, line: f.problemLine, detail: f.problemDetail ?? '' } : null,
    }));
    const rowsTotal = live ? live.rowsTotal : files.reduce((s, f) => s + f.rowsTotal, 0);
    const rowsDone = live ? live.rowsDone : files.reduce((s, f) => s + f.rowsDone, 0);
    // A run the database shows as under way that this process is not running was cut off (the app was closed or killed).
    const state = live ? live.state : stored?.state === 'importing' || stored?.state === 'checking' ? 'interrupted' : (stored?.state as RunState);
    let rowsPerSecond: number | null = null;
    let secondsLeft: number | null = null;
    if (live?.importStartedMs != null && live.state === 'importing') {
      const seconds = (mono() - live.importStartedMs) / 1000;
      if (seconds > 0 && rowsDone > 0) {
        rowsPerSecond = Math.round(rowsDone / seconds);
        secondsLeft = Math.ceil((rowsTotal - rowsDone) / (rowsDone / seconds));
      }
    }
    const rejections = stored ? (listImportRejections(db, runId, SHOWN_REJECTIONS) as ImportRejection[]) : [];
    return {
      runId,
      state,
      rowsTotal,
      rowsDone,
      rowsPerSecond,
      secondsLeft,
      files,
      rejections,
      rejectedTotal: files.reduce((s, f) => s + f.rejected, 0),
      reportPath: stored?.reportPath ?? null,
    };
  }

  return {
    async scan(mode) {
      const picked = await deps.pickFeedFiles(mode);
      if (!picked || picked.length === 0) return { scanId: null, files: [] };
      const paths = mode === 'folder' ? picked.flatMap(listFolder) : [...picked];
      const files = await scanPaths(paths);
      const scanId = createUlidFactory(deps.clock())();
      scans.set(scanId, paths);
      while (scans.size > KEPT_SCANS) scans.delete(scans.keys().next().value as string);
      return { scanId, files: files.map(toSummary) };
    },
    scanPaths(scanId) {
      return scans.get(scanId) ?? null;
    },
    start(scanId, operatorId) {
      const paths = scans.get(scanId);
      if (!paths) return { error: 'NOT_FOUND' };
      if (active !== null) return { error: 'CONFLICT' };
      const now = deps.clock();
      const runId = createUlidFactory(now)();
      insertImportRun(db, runId, operatorId, now.toISOString(), 'checking');
      const run: LiveRun = {
        state: 'checking',
        files: [],
        rowsDone: 0,
        rowsTotal: 0,
        importStartedMs: null,
        cancelRequested: false,
        finished: Promise.resolve(),
        startedBy: operatorId,
        cancelThread: null,
      };
      runs.set(runId, run);
      active = runId;
      run.finished = execute(runId, run, paths)
        .catch((error: unknown) => {
          run.state = 'failed';
          deps.onError?.(error);
          if (db.open) setImportRunState(db, runId, 'failed', deps.clock().toISOString(), null);
        })
        .finally(() => {
          active = null;
        });
      return { runId };
    },
    status: statusOf,
    reportPath(runId) {
      const recorded = findImportRun(db, runId)?.reportPath ?? null;
      if (recorded === null) return null;
      const dir = resolve(deps.reportsDir);
      const path = resolve(recorded);
      return path.startsWith(dir + sep) ? path : null;
    },
    cancel(runId) {
      const run = runs.get(runId);
      if (!run || (run.state !== 'importing' && run.state !== 'checking')) return false;
      run.cancelRequested = true;
      run.cancelThread?.();
      return true;
    },
    finished(runId) {
      return runs.get(runId)?.finished ?? Promise.resolve();
    },
  };
}
