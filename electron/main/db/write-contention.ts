import type Database from 'better-sqlite3';
import { MAIN_BUSY_TIMEOUT_MS } from './open-database';

/**
 * While a worker thread writes to the same file with its own connection (the feed import's
 * writer, the hub snapshot's loader), SQLite's one write lock is sometimes the worker's for
 * seconds (a first load's index rebuild). A write on this thread's connection would wait for it
 * synchronously, for up to the busy timeout, with the event loop stopped. So for the job's
 * length this connection waits at most WAIT_WHILE_WORKER_WRITES_MS at a time and answers
 * SQLITE_BUSY; the IPC dispatcher then tries the use case again later, without blocking
 * (ipc/dispatch.ts). Jobs may overlap: the short wait holds until the last one ends.
 */
export const WAIT_WHILE_WORKER_WRITES_MS = 20;

const jobs = new WeakMap<Database.Database, number>();

export async function whileWorkerWrites<T>(db: Database.Database, job: () => Promise<T>): Promise<T> {
  const running = jobs.get(db) ?? 0;
  jobs.set(db, running + 1);
  if (running === 0) db.pragma(`busy_timeout = ${WAIT_WHILE_WORKER_WRITES_MS}`);
  try {
    return await job();
  } finally {
    const left = (jobs.get(db) ?? 1) - 1;
    jobs.set(db, left);
    if (left === 0 && db.open) db.pragma(`busy_timeout = ${MAIN_BUSY_TIMEOUT_MS}`);
  }
}

/** SQLite's "the write lock is someone else's" (SQLITE_BUSY and its extended codes). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
