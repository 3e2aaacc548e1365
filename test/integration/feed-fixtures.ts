import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { FeedScanResult, ImportStatus } from '@shared/ipc/feed-channels';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { ensureDemoOperators } from '../../electron/main/auth/demo-operators';
import type { SenderInfo } from '../../electron/main/window/sender-info';
import { TEST_PASSWORD_COST } from '../support/password-cost';

export const APP: SenderInfo = { url: 'app://desk/index.html', isAppTopFrame: true };
export const SAMPLE_FEEDS = resolve(__dirname, '../../resources/sample-feeds');

export interface FeedBench {
  readonly dir: string;
  readonly backend: Backend;
  /** What the injected file chooser returns next. */
  picked: string[];
  /** The paths main asked the system to open (an import's report), oldest first. */
  readonly opened: string[];
  /** What the injected opener answers: '' (opened) or the system's error text. */
  openFailure: string;
  /** Writes a file into the bench folder and returns its path. */
  file(name: string, content: string | Buffer): string;
  close(): void;
}

export async function openFeedBench(options: { seedDemo?: boolean } = { seedDemo: true }): Promise<FeedBench> {
  const dir = mkdtempSync(join(tmpdir(), 'ocd-feeds-'));
  const bench: FeedBench = {
    dir,
    picked: [],
    opened: [],
    openFailure: '',
    backend: undefined as unknown as Backend,
    file(name, content) {
      const path = join(dir, 'in', name);
      writeFileSync(path, content);
      return path;
    },
    close() {
      bench.backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  mkdirSync(join(dir, 'in'));
  (bench as { backend: Backend }).backend = createBackend({
    passwordCost: TEST_PASSWORD_COST,
    dbPath: join(dir, 'desk.sqlite'),
    seedDemo: options.seedDemo ?? true,
    clock: () => new Date('2024-03-04T15:00:00.000Z'),
    isTrustedSender: () => true,
    pickFeedFiles: async (mode) => (mode === 'folder' ? [SAMPLE_FEEDS] : bench.picked),
    fileOpener: {
      openPath: async (path) => {
        bench.opened.push(path);
        return bench.openFailure;
      },
    },
    dataDir: join(dir, 'data'),
    onInternalError: (channel, error) => {
      throw new Error(`internal error on ${channel}: ${String(error)}`);
    },
  });
  // Without the demo data there are no operators either; the import needs an admin.
  if (!options.seedDemo) ensureDemoOperators(bench.backend.db, new Date('2024-03-04T15:00:00.000Z'), TEST_PASSWORD_COST);
  const signedIn = await bench.backend.dispatch('authSignIn', { username: 'ada', password: 'admin-demo-2024' }, APP);
  expect(signedIn.ok).toBe(true);
  return bench;
}

async function call<T>(bench: FeedBench, channel: string, input: unknown): Promise<T> {
  const result = await bench.backend.dispatch(channel, input, APP);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Chooses `paths` and scans them, as the import screen's first step does. */
export async function scanFeeds(bench: FeedBench, paths: string[]): Promise<FeedScanResult> {
  bench.picked = paths;
  return call<FeedScanResult>(bench, 'feedScan', { mode: 'files' });
}

/** Chooses `paths` (or the sample folder), scans, imports and waits for the end; returns the final status. */
export async function importFeeds(bench: FeedBench, paths: string[] | 'samples'): Promise<ImportStatus> {
  if (paths !== 'samples') bench.picked = paths;
  const scan = await call<{ scanId: string }>(bench, 'feedScan', { mode: paths === 'samples' ? 'folder' : 'files' });
  const { runId } = await call<{ runId: string }>(bench, 'feedImportStart', { scanId: scan.scanId });
  await bench.backend.feedImport.finished(runId);
  return call<ImportStatus>(bench, 'feedImportStatus', { runId });
}

const DATA_TABLES = ['accounts', 'lines', 'outages', 'impacts', 'credit_policies', 'outage_policies', 'credits'] as const;

/** Every row of the data tables (not the run records), for comparing two end states. */
export function snapshotData(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of DATA_TABLES) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>)
      .map((c) => c.name)
      .filter((name) => name !== 'updated_at' && name !== 'exported_batch_id');
    out[table] = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY 1, 2`).all();
  }
  return out;
}

export function fileCounts(status: ImportStatus, entity: string) {
  const file = status.files.find((f) => f.entity === entity);
  if (!file) throw new Error(`no ${entity} file in the run`);
  return { inserted: file.inserted, updated: file.updated, unchanged: file.unchanged, rejected: file.rejected };
}
