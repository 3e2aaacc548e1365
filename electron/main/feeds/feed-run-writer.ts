import type Database from 'better-sqlite3';
import type { FeedFileKind } from '@shared/feeds/feed-entities';
import { importFeedFile } from './feed-importer';
import type { FileCounts } from './feed-run-repo';
import { listImportRejections } from './feed-run-repo';
import { createParseThread } from './parse-thread';
import { writeRejectionReport } from './rejection-report';
import { isCacheEmpty, restoreLoadSchema, suspendLoadSchema } from './suspended-schema-repo';

/**
 * SQLite page cache while importing, in KiB (negative: a size, not a page count). It holds
 * the source-id index pages the upserts and lookups land on; 128 MB was no faster than 32
 * on the 1,000,000-account feeds.
 */
const IMPORT_CACHE_KIB = -32_768;

/** The checked files of one run, in load order, with their place in the run's record. */
export interface RunWriteJob {
  readonly runId: string;
  readonly files: readonly { readonly position: number; readonly path: string; readonly kind: FeedFileKind }[];
  readonly reportsDir: string;
  readonly batchRows?: number;
}

export interface RunWriteHooks {
  /** The time each file's rows are stamped with, asked when the file begins. */
  now(): Promise<Date>;
  /** After each committed batch, with that batch's counts. */
  onBatch(counts: FileCounts): void;
  /** Asked between batches and files: true stops after what is committed. */
  shouldStop(): boolean;
}

export interface RunWriteResult {
  readonly stopped: boolean;
  /** The rejected-row report written for the run; null when no row was rejected. */
  readonly reportPath: string | null;
}

/**
 * Writes a run's files through one connection: a first load into an empty cache sets its
 * secondary indexes and name triggers aside and rebuilds them at the end (or at the next
 * start, if the process dies first), each batch is one transaction with its counts and
 * rejections, and the rejected-row report is written last. It runs on the import's writer
 * thread (feed-write-worker.ts) with a connection of its own, or in place for a database no
 * other connection can open (in memory).
 */
export async function writeImportRun(db: Database.Database, job: RunWriteJob, hooks: RunWriteHooks): Promise<RunWriteResult> {
  if (isCacheEmpty(db)) suspendLoadSchema(db);
  // Upserts land all over the source-id indexes; with SQLite's default 2 MB page cache a
  // million-row feed re-reads the same pages again and again. Sized for the run, then put back.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  let stopped = false;
  // Files are read and checked on a thread of their own while this one writes to SQLite.
  const parser = createParseThread();
  try {
    for (const file of job.files) {
      if (hooks.shouldStop()) {
        stopped = true;
        break;
      }
      const result = await importFeedFile({
        db,
        runId: job.runId,
        position: file.position,
        path: file.path,
        kind: file.kind,
        now: await hooks.now(),
        source: parser.batches,
        ...(job.batchRows ? { batchRows: job.batchRows } : {}),
        onBatch: hooks.onBatch,
        shouldStop: hooks.shouldStop,
      });
      if (result.stopped) {
        stopped = true;
        break;
      }
    }
  } finally {
    await parser.close();
    if (db.open) {
      restoreLoadSchema(db);
      db.pragma(`cache_size = ${cacheSize}`);
    }
  }
  const anyRejected = listImportRejections(db, job.runId, 1).length > 0;
  return { stopped, reportPath: anyRejected ? writeRejectionReport(db, job.runId, job.reportsDir) : null };
}
