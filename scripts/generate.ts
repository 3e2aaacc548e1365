/**
 * Generates a demo data set into a new SQLite file.
 *   npm run generate -- --accounts 1000000 --seed 1 --out .cache/data/accounts.sqlite
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../electron/main/db/open-database';
import { generateDataset } from '../electron/main/demo/generate-dataset';

function main(): void {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const accounts = Number(values.accounts);
  const seed = Number(values.seed);
  if (!Number.isInteger(accounts) || accounts < 1 || !Number.isInteger(seed) || !values.out) {
    console.error('usage: tsx scripts/generate.ts --accounts N --seed S --out FILE [--force]');
    process.exit(2);
  }
  const out = values.out;
  if (existsSync(out) && !values.force) {
    console.error(`${out} exists; pass --force to replace it`);
    process.exit(2);
  }
  mkdirSync(dirname(out), { recursive: true });
  // Built under a temporary name so an interrupted run never leaves a file that looks complete.
  const partial = `${out}.partial`;
  for (const file of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(file, { force: true });

  const started = performance.now();
  const db = openDatabase(partial);
  // The file is private to this run until renamed, so the load can skip the journal and
  // fsyncs and write every page once; a big page cache holds the indexes being built.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // The generator's rows reference only rows it has just written (its tests run with
  // foreign keys on); skipping the parent lookups for millions of rows saves seconds.
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1048576');
  // Index builds after the load sort in memory, on a second thread where there is a core.
  db.pragma('temp_store = MEMORY');
  db.pragma('threads = 2');
  let lastReport = 0;
  const result = generateDataset(db, {
    accounts,
    seed,
    onProgress(done, total) {
      const now = performance.now();
      if (now - lastReport < 1000 && done < total) return;
      lastReport = now;
      const seconds = ((now - started) / 1000).toFixed(1);
      process.stdout.write(`\r${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} accounts, ${seconds} s`);
    },
  });
  const loaded = performance.now();
  process.stdout.write('\n');
  db.pragma('journal_mode = WAL');
  db.close();
  for (const file of [out, `${out}-wal`, `${out}-shm`]) rmSync(file, { force: true });
  renameSync(partial, out);
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  const total = performance.now();
  console.log(
    `${result.accounts.toLocaleString('en-US')} accounts, ${result.lines.toLocaleString('en-US')} lines -> ${out}\n` +
      `load and index ${((loaded - started) / 1000).toFixed(1)} s, total ${((total - started) / 1000).toFixed(1)} s`,
  );
}

main();
