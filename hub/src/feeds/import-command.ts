import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { csvRecord } from '@shared/feeds/csv-format';
import { allMigrations } from '../db/all-migrations';
import { HubFailure } from '../common/hub-failure';
import { folderSources } from './feed-text';
import { runFeedImport, type FileProgress } from './hub-import';
import { listImportRejections, listImportRunFiles } from './import-run-repo';

/*
 * `npm run hub -- import <folder> [--report rejected.csv]`: imports the folder's feed files
 * (by name, as the desktop's import) into the hub's database at DATABASE_URL, printing
 * progress, the counts per file and a summary of the rejected rows. Ctrl-C (SIGINT/SIGTERM)
 * cancels after the chunk in flight. Exit codes: 0 done (rows may have been rejected), 1
 * refused (a malformed file: nothing changed) or failed, 2 usage, 3 cancelled.
 */

export const EXIT = { done: 0, refused: 1, usage: 2, cancelled: 3 } as const;

const SHOWN_REJECTIONS = 20;
const PROGRESS_EVERY_MS = 1_000;

export interface CommandIo {
  readonly env: NodeJS.ProcessEnv;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Hooked to SIGINT/SIGTERM by main; tests call it. */
  readonly onCancel?: (cancel: () => void) => void;
}

function usage(io: CommandIo): number {
  io.err('usage: npm run hub -- import <folder> [--report <rejected.csv>]   (DATABASE_URL as the hub role)');
  return EXIT.usage;
}

export async function importCommand(args: readonly string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { report: { type: 'string' } } });
  } catch {
    return usage(io);
  }
  const folder = parsed.positionals[0];
  if (!folder || parsed.positionals.length > 1) return usage(io);
  const databaseUrl = io.env.DATABASE_URL;
  if (!databaseUrl) {
    io.err('import: DATABASE_URL is not set (postgres://user@host:port/database, as the hub role)');
    return EXIT.usage;
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', (error) => io.err(`import: database connection failed: ${error.message}`));
  let stop = false;
  io.onCancel?.(() => {
    if (!stop) io.err('import: cancelling after the chunk in flight...');
    stop = true;
  });
  try {
    const { rows } = await pool.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    if ((rows[0]?.version ?? 0) !== allMigrations.length) {
      io.err(`import: the database schema is at version ${rows[0]?.version ?? 0}, this hub needs ${allMigrations.length}: run npm run hub:migrate first`);
      return EXIT.refused;
    }
    const sources = await folderSources(folder);
    const started = performance.now();
    let lastPrint = 0;
    const print = (file: FileProgress, force: boolean) => {
      const now = performance.now();
      if (!force && now - lastPrint < PROGRESS_EVERY_MS) return;
      lastPrint = now;
      const seconds = (now - started) / 1000;
      io.out(`import: ${file.fileName}: ${file.counts.rowsDone} / ${file.rowsTotal} rows (${seconds.toFixed(1)} s)`);
    };
    io.out(`import: ${sources.length} feed file(s) in ${folder}`);
    const result = await runFeedImport({
      pool,
      sources,
      clock: () => new Date(),
      origin: 'command_line',
      onProgress: (file) => print(file, file.counts.rowsDone === file.rowsTotal),
      shouldStop: () => stop,
    });
    const files = await listImportRunFiles(pool, result.runId);
    io.out(`import: run ${result.runId}: ${result.state} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    io.out('file                            rows   inserted    updated  unchanged   rejected');
    for (const f of files) {
      const cells = [f.rowsDone, f.inserted, f.updated, f.unchanged, f.rejected].map((n) => String(n).padStart(10)).join(' ');
      io.out(`${f.fileName.padEnd(28)} ${cells}${f.problem ? `   REFUSED ${f.problem}${f.problemLine ? ` at line ${f.problemLine}` : ''}: ${f.problemDetail}` : ''}`);
    }
    if (result.state === 'refused') {
      io.err(sources.length === 0 ? 'import: refused: no feed file in the folder' : 'import: refused: a file is malformed, nothing was changed');
      return EXIT.refused;
    }
    const rejected = files.reduce((sum, f) => sum + f.rejected, 0);
    if (rejected > 0) {
      const { rows: reasons } = await pool.query<{ file_name: string; reason: string; n: number }>(
        `SELECT f.file_name, r.reason, count(*)::int AS n FROM import_rejections r JOIN import_run_files f ON f.run_id = r.run_id AND f.position = r.position
         WHERE r.run_id = $1 GROUP BY f.position, f.file_name, r.reason ORDER BY f.position, n DESC, r.reason`,
        [result.runId],
      );
      io.out(`import: ${rejected} row(s) rejected:`);
      for (const r of reasons) io.out(`  ${r.file_name}: ${r.n} ${r.reason}`);
      for (const r of await listImportRejections(pool, result.runId, SHOWN_REJECTIONS)) {
        io.out(`  ${r.fileName}:${r.line} ${r.field || '(row)'} ${r.reason}: ${r.detail}`);
      }
      if (rejected > SHOWN_REJECTIONS) io.out(`  ... and ${rejected - SHOWN_REJECTIONS} more${parsed.values.report ? '' : ' (--report FILE writes them all)'}`);
      if (parsed.values.report) await writeReport(pool, result.runId, parsed.values.report);
    }
    return result.state === 'cancelled' ? EXIT.cancelled : EXIT.done;
  } catch (error) {
    if (error instanceof HubFailure && error.code === 'CONFLICT') io.err('import: another import is running at this hub');
    else io.err(`import: failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.refused;
  } finally {
    await pool.end();
  }
}

/** Every rejected row of the run as CSV (file,line,field,reason,detail), as the desktop's report. */
async function writeReport(pool: pg.Pool, runId: string, path: string): Promise<void> {
  const out = createWriteStream(path, { mode: 0o600 });
  out.write(csvRecord(['file', 'line', 'field', 'reason', 'detail']));
  const page = 10_000;
  for (let offset = 0; ; offset += page) {
    const rows = await listImportRejections(pool, runId, page, offset);
    for (const r of rows) out.write(csvRecord([r.fileName, r.line, r.field, r.reason, r.detail]));
    if (rows.length < page) break;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
