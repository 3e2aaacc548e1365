import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createLineSplitter } from '@shared/feeds/line-splitter';
import type { FeedRows } from '@shared/feeds/feed-row-schemas';
import { insertAccount, insertOutageUnlessExists, type AccountValues, type OutageValues } from '../../electron/main/feeds/feed-write-repo';
import { packFeedRow } from '../../electron/main/feeds/packed-row';
import { restoreLoadSchema, suspendLoadSchema } from '../../electron/main/feeds/suspended-schema-repo';

/*
 * The bound the import is measured against: the same NDJSON rows put into the same schema
 * (the app's migrations, the same indexes set aside and rebuilt at the end as a first load
 * does, the same page cache) with nothing else: one thread, JSON.parse and the derived
 * columns (folded name and e-mail, normalised postal code), references resolved by a
 * subquery of the INSERT, 100,000 rows a transaction; no validation, no duplicate-key set,
 * no counts, no rejected-row reports, no parse thread.
 */

const ROWS_PER_TRANSACTION = 100_000;

async function eachLine(path: string, onLine: (text: string) => void): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  const splitter = createLineSplitter();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    splitter.push(decoder.decode(chunk, { stream: true }), (text) => onLine(text));
  }
}

async function load(db: Database.Database, path: string, insert: (row: Record<string, unknown>) => void): Promise<number> {
  let pending: string[] = [];
  let rows = 0;
  const flush = db.transaction((lines: string[]) => {
    for (const text of lines) insert(JSON.parse(text) as Record<string, unknown>);
  });
  await eachLine(path, (text) => {
    pending.push(text);
    if (pending.length >= ROWS_PER_TRANSACTION) {
      flush.immediate(pending);
      rows += pending.length;
      pending = [];
    }
  });
  flush.immediate(pending);
  return rows + pending.length;
}

/** Loads the accounts, outages, lines and impacts of `feedDir` into `db` (empty, migrated); returns the rows loaded. */
export async function bareBulkLoad(db: Database.Database, feedDir: string, updatedAt: string): Promise<number> {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -32768');
  suspendLoadSchema(db);
  const line = db.prepare(
    `INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
     VALUES (?, (SELECT id FROM accounts WHERE source_id = ?), ?, ?, ?, ?)`,
  );
  const impact = db.prepare(
    `INSERT INTO impacts (source_id, outage_id, line_id, starts_at, ends_at, lost_minutes, connected_at_start)
     VALUES (?, (SELECT id FROM outages WHERE source_id = ?), (SELECT id FROM lines WHERE source_id = ?), ?, ?, ?, ?)`,
  );
  let rows = 0;
  rows += await load(db, join(feedDir, 'accounts.ndjson'), (row) => {
    insertAccount(db, [...packFeedRow('accounts', row as unknown as FeedRows['accounts']), updatedAt] as AccountValues);
  });
  rows += await load(db, join(feedDir, 'outages.ndjson'), (row) => {
    const o = row as unknown as FeedRows['outages'];
    const values: OutageValues = [
      o.source_id, o.title, o.starts_at, o.ends_at ?? null, o.cause, JSON.stringify(o.services), o.towers_affected ?? 0,
      JSON.stringify(o.regions), o.subscribers_affected ?? null, updatedAt,
    ];
    insertOutageUnlessExists(db, values);
  });
  rows += await load(db, join(feedDir, 'lines.ndjson'), (row) => {
    line.run(...packFeedRow('lines', row as unknown as FeedRows['lines']));
  });
  rows += await load(db, join(feedDir, 'impacts.ndjson'), (row) => {
    impact.run(...packFeedRow('impacts', row as unknown as FeedRows['impacts']));
  });
  restoreLoadSchema(db);
  db.pragma(`cache_size = ${cacheSize}`);
  return rows;
}
