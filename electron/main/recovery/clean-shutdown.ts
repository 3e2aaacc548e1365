import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

/**
 * A full quick_check reads every page: seconds on a large cache. After a clean shutdown the
 * file is exactly as SQLite left it, so start-up can trust it if nothing touched it since.
 * The stamp records the file's size and modification time at a clean close; any write after
 * that (a crash leaves a WAL and no stamp, an outside write changes the mtime) forces the
 * full check. Corruption that keeps size and mtime (bit rot) is caught by the integrity_check
 * every scheduled backup runs.
 */
interface CleanStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

function stampPath(dbPath: string): string {
  return `${dbPath}.clean`;
}

export function recordCleanShutdown(dbPath: string): void {
  if (!existsSync(dbPath)) return;
  const { size, mtimeMs } = statSync(dbPath);
  const stamp: CleanStamp = { size, mtimeMs };
  writeFileSync(stampPath(dbPath), JSON.stringify(stamp), { mode: 0o600 });
}

/** True when the last run closed cleanly and the file is unchanged since; the stamp is used up either way. */
export function consumeCleanShutdown(dbPath: string): boolean {
  const path = stampPath(dbPath);
  if (!existsSync(path)) return false;
  try {
    const stamp = JSON.parse(readFileSync(path, 'utf8')) as Partial<CleanStamp>;
    const { size, mtimeMs } = statSync(dbPath);
    const walLeft = existsSync(`${dbPath}-wal`) && statSync(`${dbPath}-wal`).size > 0;
    return !walLeft && stamp.size === size && stamp.mtimeMs === mtimeMs;
  } catch {
    return false;
  } finally {
    rmSync(path, { force: true });
  }
}
