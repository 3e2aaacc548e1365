import type Database from 'better-sqlite3';
import type { CarrierValue } from '@shared/hub/carrier';
import type { Change } from '@shared/hub/changes';
import type { HubClient, HubClientError } from './hub-client';
import { applyChange, type ApplyReport } from './apply-changes';
import { applyCarrierRemovals } from './carrier-removals';
import { CarrierWriter } from './carrier-rows';
import { readChangeCursor, setChangeCursor } from './hub-state-repo';
import { refillRequests } from './operator-switch';
import { loadedSnapshotHead } from './snapshot-repo';

export type PullResult = { ok: true; report: ApplyReport & { cursor: number } } | { ok: false; error: HubClientError };

const PAGE_SIZE = 500;
const BATCH_PAGE_ROWS = 5_000;

type CarrierBatchEntry = Extract<Change, { entity: 'carrier_batch' }>;

/**
 * Pulls the change log, as the token's operator `username` may see it, from their stored cursor
 * to the head, page by page, after asking back for the requests another operator's sign-in
 * took out of their view (operator-switch.ts). Each page and its cursor commit in one local transaction, so a
 * crash or a dropped connection resumes exactly after the last page applied.
 *
 * A `carrier_batch` entry after the snapshot this cache was loaded from is applied by reading
 * the batch's rows from the hub, table by table and page by page, before any local transaction
 * opens; the entries before it commit first (with the cursor just before the batch), each page
 * of rows commits on its own (upserts by id: a page written twice leaves the same rows), and the
 * last page commits with the cursor moving past the entry. So the cursor never passes a batch
 * whose rows are not all in. Entries at or below the snapshot's head are in the snapshot; on a
 * cache that never loaded one (a standalone desktop that joined) they are skipped.
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
  const refill = await refillRequests(db, client, token, username, report.cursor, () => clock().toISOString());
  if (!refill.ok) return { ok: false, error: refill.error };
  report.applied += refill.applied;
  if (refill.applied > 0) onApplied();
  const snapshotHead = loadedSnapshotHead(db);
  const applyRun = (changes: readonly Change[], cursor: number, after?: () => void) => {
    const now = clock().toISOString();
    db.transaction(() => {
      for (const change of changes) {
        if (applyChange(db, change, now)) report.applied += 1;
        else report.skipped += 1;
      }
      after?.();
      setChangeCursor(db, username, cursor);
    }).immediate();
    report.cursor = cursor;
  };
  for (;;) {
    const page = await client.call('changes', { since: report.cursor, limit: PAGE_SIZE }, token);
    if (!page.ok) return { ok: false, error: page.error };
    let run: Change[] = [];
    for (const change of page.value.changes) {
      if (change.entity !== 'carrier_batch' || snapshotHead === null || change.position <= snapshotHead) {
        run.push(change);
        continue;
      }
      if (run.length > 0) applyRun(run, run[run.length - 1]!.position);
      run = [];
      const batch = await applyCarrierBatch(db, client, token, change, (last) => applyRun([], change.position, last));
      if (!batch.ok) return batch;
      report.applied += 1;
    }
    applyRun(run, page.value.cursor);
    if (page.value.changes.length > 0) onApplied();
    if (!page.value.hasMore) return { ok: true, report };
  }
}

/** Reads one batch's rows from the hub and writes them; `commitLast` commits the final page with the cursor move. */
async function applyCarrierBatch(
  db: Database.Database,
  client: HubClient,
  token: string,
  entry: CarrierBatchEntry,
  commitLast: (write: () => void) => void,
): Promise<{ ok: true } | { ok: false; error: HubClientError }> {
  const writer = new CarrierWriter(db);
  const tables = entry.data.tables;
  // Tables in the order their rows refer to each other, whatever order the entry lists them in.
  const order = ['accounts', 'outages', 'credit_policies', 'lines', 'impacts', 'outage_policies', 'credits'] as const;
  const wanted = order.filter((table) => tables.includes(table));
  let pending: { table: (typeof order)[number]; rows: CarrierValue[][] } | null = null;
  for (const table of wanted) {
    let afterId: string | undefined;
    for (;;) {
      const page = await client.call('carrierBatch', { batch: entry.data.batch, table, limit: BATCH_PAGE_ROWS, ...(afterId ? { afterId } : {}) }, token);
      if (!page.ok) return { ok: false, error: page.error };
      if (pending) {
        const { table: t, rows } = pending;
        db.transaction(() => writer.write(t, rows)).immediate();
      }
      pending = { table, rows: page.value.rows };
      if (!page.value.hasMore || page.value.nextAfterId === null) break;
      afterId = page.value.nextAfterId;
    }
  }
  const last = pending;
  commitLast(() => {
    if (last) writer.write(last.table, last.rows);
    // What the batch deleted at the hub goes with the cursor move.
    applyCarrierRemovals(db, entry.data.removed);
  });
  return { ok: true };
}
