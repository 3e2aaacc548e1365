import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** How many verified backups the app keeps by default; older ones are deleted. */
export const DEFAULT_BACKUPS_KEPT = 10;

export type BackupReason = 'scheduled' | 'pre-migration' | 'manual';

const NAME = /^backup-(\d{8}T\d{9}Z)-(scheduled|pre-migration|manual)(?:-(\d+))?\.sqlite$/;

export interface BackupFile {
  readonly path: string;
  readonly name: string;
  /** ISO-8601 UTC instant the backup was taken. */
  readonly takenAt: string;
  readonly reason: BackupReason;
}

function compactInstant(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, '');
}

function expandInstant(compact: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(compact);
  if (!m) return compact;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

/** A new, unused file name; names sort by the time they were taken. */
export function newBackupPath(dir: string, now: Date, reason: BackupReason): string {
  const base = `backup-${compactInstant(now)}-${reason}`;
  let candidate = join(dir, `${base}.sqlite`);
  for (let n = 1; existsSync(candidate); n += 1) candidate = join(dir, `${base}-${n}.sqlite`);
  return candidate;
}

/** Finished backups in `dir`, newest first. Half-written `.partial` files are not listed. */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const m = NAME.exec(name);
      if (!m) return [];
      return [{ path: join(dir, name), name, takenAt: expandInstant(m[1]!), reason: m[2] as BackupReason, order: Number(m[3] ?? 0) }];
    })
    .sort((a, b) => (a.takenAt === b.takenAt ? b.order - a.order : a.takenAt < b.takenAt ? 1 : -1))
    .map(({ order: _order, ...file }) => file);
}

/** Deletes all but the newest `keep` backups; returns the deleted paths. */
export function pruneBackups(dir: string, keep: number): string[] {
  const stale = listBackups(dir).slice(Math.max(keep, 1));
  for (const file of stale) rmSync(file.path, { force: true });
  return stale.map((file) => file.path);
}
