import type { IncomingMessage } from 'node:http';
import type Database from 'better-sqlite3';
import { SNAPSHOT_END_OF_TABLE, SNAPSHOT_PATH, SnapshotHeader, type CarrierValue } from '@shared/hub/carrier';
import type { CarrierTable } from '@shared/hub/changes';
import type { SnapshotOutcome, SnapshotProgress } from './snapshot-types';
import { restoreLoadSchema, suspendLoadSchema } from '../feeds/suspended-schema-repo';
import { CarrierWriter, rebuildCreditTotals } from './carrier-rows';
import type { HubCall, HubClient } from './hub-client';
import { finishSnapshot, startSnapshot } from './snapshot-repo';
import { connectionSpec } from '../db/open-database';
import { whileWorkerWrites } from '../db/write-contention';
import { startSnapshotThread, type SnapshotThread } from './snapshot-thread';

export type { SnapshotOutcome, SnapshotProgress } from './snapshot-types';

export interface SnapshotResult {
  readonly head: number;
  readonly rows: number;
  /** Milliseconds from the request to the accounts being searchable, and to the end. */
  readonly searchReadyMs: number;
  readonly doneMs: number;
}

/** Rows per local transaction: large enough that commits cost little, small enough to keep the main thread answering. */
const FLUSH_ROWS = 20_000;
const LOAD_CACHE_KIB = -65_536;

const ESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' };

/** One value of PostgreSQL's COPY text format (COPY TO only writes these escapes). */
function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}

export function parseCopyRow(line: string): CarrierValue[] {
  const values: CarrierValue[] = line.split('\t');
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string;
    if (v === '\\N') values[i] = null;
    else if (v.includes('\\')) values[i] = unescape(v);
  }
  return values;
}

/** Takes a snapshot's text as it arrives and writes it into one connection's cache. */
export interface SnapshotSink {
  /** The next piece of the stream; the cause when it breaks the format or the header (the load is then over). */
  push(text: string): string | null;
  /** The stream ended: finishes the load, or says why it is incomplete. */
  end(): SnapshotOutcome;
  /** The stream broke off: indexes back, the record left `loading`, progress `failed`. */
  abort(cause: string): SnapshotOutcome;
}

/**
 * Writes a streamed snapshot into `db`: parsed line by line, written in transactions of
 * FLUSH_ROWS by the hub's ids, with the secondary indexes and name-index triggers set aside
 * (as a feed import's first load) and rebuilt once: the accounts' as soon as the accounts are
 * in, so searching starts while lines, impacts and credits still load. The record says
 * `loading` throughout; only when every table's count matches the header does it say `done`
 * with the head. It runs on the snapshot's worker thread with a connection of its own
 * (snapshot-load-worker.ts), or in place for an in-memory cache.
 */
export function createSnapshotSink(db: Database.Database, now: () => string, onProgress: (progress: SnapshotProgress) => void): SnapshotSink {
  const writer = new CarrierWriter(db);
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  let header: SnapshotHeader | null = null;
  let progress: { state: SnapshotProgress['state']; searchReady: boolean; tables: { table: CarrierTable; loaded: number; total: number }[] } | null = null;
  let table: CarrierTable | null = null;
  let tableIndex = -1;
  let buffer: CarrierValue[][] = [];
  let rows = 0;
  let ended = false;
  let over = false;
  let rest = '';

  const flush = () => {
    if (!table || buffer.length === 0) return;
    const current = table;
    const chunk = buffer;
    buffer = [];
    db.transaction(() => writer.write(current, chunk, true)).immediate();
    progress!.tables[tableIndex]!.loaded += chunk.length;
    rows += chunk.length;
    onProgress(progress!);
  };

  const fail = (cause: string): SnapshotOutcome => {
    over = true;
    if (db.open) {
      restoreLoadSchema(db);
      db.pragma(`cache_size = ${cacheSize}`);
    }
    if (progress) onProgress({ ...progress, state: 'failed' });
    return { ok: false, cause };
  };

  const onLine = (line: string): string | null => {
    if (!header) {
      const parsed = SnapshotHeader.safeParse(safeJson(line));
      if (!parsed.success) return 'not a snapshot header';
      header = parsed.data;
      progress = { state: 'loading', searchReady: false, tables: header.tables.map((t) => ({ table: t.table, loaded: 0, total: t.rows })) };
      const counts = Object.fromEntries(header.tables.map((t) => [t.table, t.rows]));
      db.transaction(() => startSnapshot(db, header!.head, header!.takenAt, now(), counts)).immediate();
      db.pragma(`cache_size = ${LOAD_CACHE_KIB}`);
      suspendLoadSchema(db, ['accounts']);
      onProgress(progress);
      return null;
    }
    if (table === null) {
      if (ended || !line.startsWith('@')) return `unexpected line outside a table`;
      tableIndex += 1;
      const expected = header.tables[tableIndex]?.table;
      if (line.slice(1) !== expected) return `table ${line.slice(1)} where ${expected ?? 'the end'} was due`;
      table = expected;
      return null;
    }
    if (line === SNAPSHOT_END_OF_TABLE) {
      flush();
      const entry = progress!.tables[tableIndex]!;
      if (entry.loaded !== entry.total) return `${table}: ${entry.loaded} rows where the header says ${entry.total}`;
      if (table === 'accounts') {
        // Searching works from here: the accounts' indexes and the name index, rebuilt once.
        restoreLoadSchema(db);
        progress!.searchReady = true;
        onProgress(progress!);
        suspendLoadSchema(db, ['lines', 'impacts']);
      }
      table = null;
      if (tableIndex === header.tables.length - 1) ended = true;
      return null;
    }
    buffer.push(parseCopyRow(line));
    if (buffer.length >= FLUSH_ROWS) flush();
    return null;
  };

  return {
    push(chunk) {
      if (over) return 'the load is over';
      const text = rest + chunk;
      let start = 0;
      let newline: number;
      while ((newline = text.indexOf('\n', start)) >= 0) {
        const problem = onLine(text.slice(start, newline));
        if (problem) {
          fail(problem);
          return problem;
        }
        start = newline + 1;
      }
      rest = text.slice(start);
      return null;
    },
    end() {
      if (over) return { ok: false, cause: 'the load is over' };
      if (!ended || rest !== '') return fail('the snapshot ended early');
      over = true;
      restoreLoadSchema(db);
      db.transaction(() => {
        rebuildCreditTotals(db);
        finishSnapshot(db, now());
      }).immediate();
      db.pragma(`cache_size = ${cacheSize}`);
      progress!.state = 'done';
      onProgress(progress!);
      return { ok: true, head: header!.head, rows };
    },
    abort(cause) {
      return over ? { ok: false, cause } : fail(cause);
    },
  };
}

/**
 * Loads the hub's carrier snapshot into this cache (createSnapshotSink says how). A cache in a
 * file is written by a worker thread with a connection of its own, fed the stream's text from
 * here, so this thread's event loop is free throughout (searching reads on through WAL, and
 * works as soon as the progress says `searchReady`); an in-memory cache is written in place.
 * A load cut off leaves `loading`; the next one takes a new snapshot and overwrites by id
 * (indexes set aside by a load that died are rebuilt at the next start, feed-import-service).
 */
export async function loadSnapshot(
  db: Database.Database,
  client: HubClient,
  token: string,
  clock: () => Date,
  onProgress: (progress: SnapshotProgress) => void,
  monotonicMs: () => number = () => performance.now(),
  options: { readonly writeThread?: boolean } = {},
): Promise<HubCall<SnapshotResult>> {
  const began = monotonicMs();
  const answer = await client.download(SNAPSHOT_PATH, token);
  if (!answer.ok) return answer;
  const response: IncomingMessage = answer.value;
  response.setEncoding('utf8');
  let searchReadyMs = 0;
  const progressed = (progress: SnapshotProgress) => {
    if (progress.searchReady && searchReadyMs === 0) searchReadyMs = monotonicMs() - began;
    onProgress(progress);
  };
  const spec = options.writeThread === false ? null : connectionSpec(db);
  if (!spec) return drain(inPlace(createSnapshotSink(db, () => clock().toISOString(), progressed)));
  // The loader's thread holds the write lock for seconds at a time: main's writes wait without blocking meanwhile.
  return whileWorkerWrites(db, () => drain(startSnapshotThread(spec, () => clock().toISOString(), progressed)));

  async function drain(sink: SnapshotThread): Promise<HubCall<SnapshotResult>> {
    let outcome: SnapshotOutcome;
    try {
      for await (const chunk of response as AsyncIterable<string>) {
        const problem = await sink.push(chunk);
        if (problem) {
          response.destroy();
          await sink.abort(problem);
          return { ok: false, error: { code: 'HUB_BAD_ANSWER', cause: problem } };
        }
      }
      outcome = await sink.end();
    } catch (error) {
      response.destroy();
      await sink.abort((error as Error).message).catch(() => undefined);
      return { ok: false, error: { code: 'HUB_UNREACHABLE', cause: (error as Error).message } };
    }
    if (!outcome.ok) {
      await sink.abort(outcome.cause);
      return { ok: false, error: { code: 'HUB_BAD_ANSWER', cause: outcome.cause } };
    }
    return { ok: true, value: { head: outcome.head, rows: outcome.rows, searchReadyMs, doneMs: monotonicMs() - began } };
  }
}

/** The sink, answering as the thread's does. */
function inPlace(sink: SnapshotSink): SnapshotThread {
  return {
    push: async (text) => sink.push(text),
    end: async () => sink.end(),
    abort: async (cause) => sink.abort(cause),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
