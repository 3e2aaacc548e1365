import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/main/db/open-database';
import { createFeedImportService } from '../../electron/main/feeds/feed-import-service';
import { writeGeneratedFeeds } from '../../scripts/feeds/write-feed-files';
import { snapshotData } from './feed-fixtures';

const ROOT = resolve(__dirname, '../..');
const CHILD = resolve(__dirname, 'feed-kill-child.ts');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const BATCH_ROWS = 400;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-feed-kill-'));
  // About 10,000 rows over four files, NDJSON and CSV both.
  writeGeneratedFeeds(join(dir, 'feeds'), { accounts: 1_500, seed: 11, format: 'csv' });
  writeGeneratedFeeds(join(dir, 'feeds-ndjson'), { accounts: 1_500, seed: 11, format: 'ndjson' });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the child; with `killAfter`, SIGKILLs it as soon as it has reported that many commits. */
function runChild(dbPath: string, feedDir: string, killAfter: number | null): Promise<{ killed: boolean; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [CHILD, dbPath, feedDir, String(BATCH_ROWS)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let commits = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      commits = (output.match(/committed/g) ?? []).length;
      if (killAfter !== null && commits >= killAfter && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') done({ killed: true, output });
      else if (code === 0) done({ killed: false, output });
      else fail(new Error(`child exited ${code}: ${output}`));
    });
  });
}

/**
 * The data of a database as the app would see it after a start: opening the import service
 * rebuilds indexes a killed first load had set aside. Also checks that the indexes, triggers
 * and the name index are all there and agree with the rows.
 */
function dataOf(dbPath: string): Record<string, unknown[]> {
  const db = openDatabase(dbPath);
  try {
    createFeedImportService({ db, clock: () => new Date(0), pickFeedFiles: async () => null, reportsDir: join(dir, 'reports') });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.prepare(`INSERT INTO accounts_fts (accounts_fts) VALUES ('integrity-check')`).run();
    const schema = db.prepare(`SELECT type, name FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name`).all();
    const ftsRows = db.prepare(`SELECT count(*) FROM accounts_fts WHERE accounts_fts MATCH 'a*'`).pluck().get();
    return { ...snapshotData(db), schema, ftsRows: [ftsRows] };
  } finally {
    db.close();
  }
}

describe('a kill during an import', () => {
  it.each(['feeds', 'feeds-ndjson'])(
    'loses nothing committed, and a re-run of %s reaches the state of an uninterrupted run',
    async (feeds) => {
      const reference = join(dir, `${feeds}-reference.sqlite`);
      expect((await runChild(reference, join(dir, feeds), null)).output).toContain('finished done');
      const expected = dataOf(reference);
      expect(expected.accounts).toHaveLength(1_500);
      expect(expected.schema).toContainEqual({ type: 'trigger', name: 'accounts_fts_insert' });

      const killedDb = join(dir, `${feeds}-killed.sqlite`);
      mkdirSync(join(dir, 'reports'), { recursive: true });
      // Random kill points (in commits), logged so a failure can be replayed.
      const points = [1 + Math.floor(Math.random() * 8), 3 + Math.floor(Math.random() * 15)];
      console.info(`kill points for ${feeds}:`, points);
      for (const point of points) {
        const run = await runChild(killedDb, join(dir, feeds), point);
        expect(run.killed).toBe(true);
        const partial = dataOf(killedDb);
        // Whatever was committed is whole: every line it holds has its account.
        const accountIds = new Set((partial.accounts as Array<{ id: number }>).map((a) => a.id));
        expect((partial.lines as Array<{ account_id: number }>).every((l) => accountIds.has(l.account_id))).toBe(true);
      }
      expect((await runChild(killedDb, join(dir, feeds), null)).output).toContain('finished done');
      expect(dataOf(killedDb)).toEqual(expected);
    },
    120_000,
  );
});
