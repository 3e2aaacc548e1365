/**
 * What a write on the main connection meets while the writer thread imports:
 *   npx tsx scripts/bench-import-main-writes.ts [accounts, default 200000]
 * Generates an accounts feed, imports it into a fresh cache (a first load), then again (every
 * row unchanged), and meanwhile every 50 ms writes one row on the main connection in its own
 * IMMEDIATE transaction, as an override or an audit event would: how long each waited for the
 * writer thread's write lock (the busy timeout, 5 s, waits synchronously on the main thread),
 * and how many gave up with SQLITE_BUSY. Since the busy retry (write-contention.ts, dispatch.ts)
 * each write is a use case as IPC runs it: short tries, tried again off the event loop.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/main/db/open-database';
import { createFeedImportService } from '../electron/main/feeds/feed-import-service';
import { BUSY, runWhileBusy } from '../electron/main/ipc/dispatch';

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ocd-bench-main-writes-'));
  const file = join(dir, 'accounts.ndjson');
  const out = createWriteStream(file);
  const rows = Number(process.argv[2] ?? 200000);
  for (let n = 1; n <= rows; n++) {
    if (!out.write(JSON.stringify({ source_id: `W-A${n}`, account_number: String(555000000000 + n), holder_name: `Holder ${n % 977} P${n}`, brand: 'att', segment: 'consumer', payment_type: 'postpaid', status: 'active', bill_cycle_day: 5, currency: 'USD', monthly_charge_minor: 6500, country: 'US', region: 'NY', postal_code: '10001' }) + '\n')) await once(out, 'drain');
  }
  out.end(); await once(out, 'finish');
  for (const pass of ['first load', 're-import']) {
    const db = openDatabase(join(dir, 'c.sqlite'));
    db.exec('CREATE TABLE IF NOT EXISTS probe (at TEXT)');
    const service = createFeedImportService({ db, clock: () => new Date(), pickFeedFiles: async () => [file], reportsDir: dir });
    const scan = await service.scan('files');
    const run = service.start(scan.scanId as string, null) as { runId: string };
    // Each write goes as a use case through IPC does (ipc/dispatch.ts runWhileBusy): a try that
    // meets the writer thread's lock fails after the short wait of db/write-contention.ts and is
    // tried again later, off the event loop. `block` is the longest synchronous try, `latency`
    // the time from the write's start to its commit.
    const blocks: number[] = []; const latencies: number[] = []; let gaveUp = 0; let tries = 0;
    const inFlight: Promise<void>[] = [];
    const insert = db.prepare('INSERT INTO probe VALUES (?)');
    const timer = setInterval(() => {
      const started = performance.now();
      let longest = 0;
      inFlight.push(runWhileBusy({ busyRetryMs: 60_000 }, () => {
        tries++;
        const t = performance.now();
        try {
          db.transaction(() => insert.run('x')).immediate();
        } finally {
          longest = Math.max(longest, performance.now() - t);
        }
      }).then((outcome) => {
        if (outcome === BUSY) gaveUp++;
        else latencies.push(performance.now() - started);
        blocks.push(longest);
      }));
    }, 50);
    await service.finished(run.runId);
    clearInterval(timer);
    await Promise.all(inFlight);
    const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]?.toFixed(1);
    console.log(`load ${loadavg()[0]?.toFixed(1)}:`, pass, service.status(run.runId)?.state,
      `writes ${blocks.length} (${tries} tries), gave up ${gaveUp}; longest synchronous try p50 ${pct(blocks, 0.5)} p99 ${pct(blocks, 0.99)} max ${pct(blocks, 1)} ms;`,
      `write to commit p50 ${pct(latencies, 0.5)} p99 ${pct(latencies, 0.99)} max ${pct(latencies, 1)} ms`);
    db.close();
  }
  rmSync(dir, { recursive: true, force: true });
}
void main();
