/**
 * What a write on the main connection meets while the writer thread imports:
 *   npx tsx scripts/bench-import-main-writes.ts [accounts, default 200000]
 * Generates an accounts feed, imports it into a fresh cache (a first load), then again (every
 * row unchanged), and meanwhile every 50 ms writes one row on the main connection in its own
 * IMMEDIATE transaction, as an override or an audit event would: how long each waited for the
 * writer thread's write lock (the busy timeout, 5 s, waits synchronously on the main thread),
 * and how many gave up with SQLITE_BUSY.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/main/db/open-database';
import { createFeedImportService } from '../electron/main/feeds/feed-import-service';

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
    const waits: number[] = []; let failed = 0;
    const insert = db.prepare('INSERT INTO probe VALUES (?)');
    const timer = setInterval(() => {
      const t = performance.now();
      try {
        db.transaction(() => insert.run('x')).immediate();
      } catch {
        failed++;
      }
      waits.push(performance.now() - t);
    }, 50);
    await service.finished(run.runId);
    clearInterval(timer);
    waits.sort((a, b) => a - b);
    console.log(`load ${loadavg()[0]?.toFixed(1)}:`, pass, service.status(run.runId)?.state, `writes ${waits.length}, failed ${failed}, wait p50 ${waits[waits.length >> 1]?.toFixed(1)} p99 ${waits[Math.floor(waits.length * 0.99)]?.toFixed(1)} max ${waits.at(-1)?.toFixed(1)} ms`);
    db.close();
  }
  rmSync(dir, { recursive: true, force: true });
}
void main();
