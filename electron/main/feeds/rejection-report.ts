import { closeSync, mkdirSync, openSync, renameSync, writeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { csvRecord } from '@shared/feeds/csv-format';
import { iterateImportRejections } from './feed-run-repo';

const REPORT_HEADER = ['file', 'line', 'field', 'reason', 'detail'];

/**
 * Writes every rejected row of a run as CSV into `dir` (a folder main chose) and returns
 * the file's path. Written beside and renamed into place, so a reader never sees half a report.
 */
export function writeRejectionReport(db: Database.Database, runId: string, dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `import-${runId}-rejected.csv`);
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w', 0o600);
  try {
    let buffer = csvRecord(REPORT_HEADER);
    for (const row of iterateImportRejections(db, runId)) {
      buffer += csvRecord([row.fileName, row.line, row.field, row.reason, row.detail]);
      if (buffer.length > 1 << 16) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return path;
}
