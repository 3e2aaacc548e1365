import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { createFeedImportService, type FeedImportService, type PickFeedFiles } from './feed-import-service';

export interface FeedBackendOptions {
  readonly db: Database.Database;
  readonly dbPath: string;
  readonly clock: () => Date;
  /** The app passes a dialog (feed-file-dialog.ts); tests and the e2e harness pass fixed paths. */
  readonly pickFeedFiles?: PickFeedFiles;
  /** Folder for import reports and billing exports; beside the database when not given. */
  readonly dataDir?: string;
  readonly onError: (error: unknown) => void;
}

/** What the import and export handlers need, built once per backend. */
export function createFeedBackendDeps(options: FeedBackendOptions): { feedImport: FeedImportService; exportsDir: string } {
  const inMemory = options.dbPath === ':memory:' || options.dbPath === '';
  const dataDir = options.dataDir ?? (inMemory ? join(tmpdir(), 'outage-credit-desk') : dirname(options.dbPath));
  const feedImport = createFeedImportService({
    db: options.db,
    clock: options.clock,
    pickFeedFiles: options.pickFeedFiles ?? (async () => null),
    reportsDir: join(dataDir, 'import-reports'),
    onError: options.onError,
  });
  return { feedImport, exportsDir: join(dataDir, 'billing-exports') };
}
