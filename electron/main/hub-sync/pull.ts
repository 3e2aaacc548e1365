import type Database from 'better-sqlite3';
import type { HubClient, HubClientError } from './hub-client';
import { applyChange, type ApplyReport } from './apply-changes';
import { readChangeCursor, setChangeCursor } from './hub-state-repo';

export type PullResult = { ok: true; report: ApplyReport & { cursor: number } } | { ok: false; error: HubClientError };

const PAGE_SIZE = 500;

/**
 * Pulls the change log, as the token's operator `username` may see it, from their stored cursor
 * to the head, page by page. Each page and its cursor commit in one local transaction, so a
 * crash or a dropped connection resumes exactly after the last page applied.
 */
export async function pullChanges(
  db: Database.Database,
  client: HubClient,
  token: string,
  username: string,
  clock: () => Date,
  onApplied: () => void = () => undefined,
): Promise<PullResult> {
  const report = { applied: 0, skipped: 0, cursor: readChangeCursor(db, username) };
  for (;;) {
    const page = await client.call('changes', { since: report.cursor, limit: PAGE_SIZE }, token);
    if (!page.ok) return { ok: false, error: page.error };
    const now = clock().toISOString();
    db.transaction(() => {
      for (const change of page.value.changes) {
        if (applyChange(db, change, now)) report.applied += 1;
        else report.skipped += 1;
      }
      setChangeCursor(db, username, page.value.cursor);
    }).immediate();
    report.cursor = page.value.cursor;
    if (page.value.changes.length > 0) onApplied();
    if (!page.value.hasMore) return { ok: true, report };
  }
}
