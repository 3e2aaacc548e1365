import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, importCommand } from '../src/feeds/import-command';
import { startHubFixture, type HubFixture } from './hub-fixture';

const ROOT = resolve(__dirname, '../..');
const SAMPLE = resolve(ROOT, 'resources/sample-feeds');
let fixture: HubFixture;

beforeAll(async () => {
  fixture = await startHubFixture();
});
afterAll(async () => {
  await fixture?.close();
});

async function run(args: string[], env: NodeJS.ProcessEnv = { DATABASE_URL: fixture.database.appUrl }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await importCommand(args, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run hub -- import <folder>', () => {
  it('imports a folder, printing progress, the counts per file and the rejected rows; a report file holds them all', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'ocd-hub-import-')), 'rejected.csv');
    // The sample feeds and two credits the hub cannot apply (no such account).
    const folder = mkdtempSync(join(tmpdir(), 'ocd-hub-import-'));
    cpSync(SAMPLE, folder, { recursive: true });
    const bad = (id: string) =>
      JSON.stringify({ source_id: id, account_source_id: 'NOPE', outage_source_id: 'us-2024-08-05-storm', policy_code: 'att-2024-02-make-it-right', policy_version: 1,
        amount_minor: 100, currency: 'USD', source: 'automatic', status: 'scheduled', scheduled_on: '2024-08-10', bill_date: '2024-09-01', created_at: '2024-08-10T00:00:00.000Z' });
    writeFileSync(join(folder, 'credits-bad.ndjson'), `${bad('CR-X1')}\n${bad('CR-X2')}\n`);
    const result = await run([folder, '--report', report]);
    expect(result.code).toBe(EXIT.done);
    expect(result.out).toContain('import: 7 feed file(s)');
    expect(result.out).toMatch(/import: accounts\.csv: 45 \/ 45 rows/);
    expect(result.out).toMatch(/: done in/);
    expect(result.out).toMatch(/accounts\.csv\s+45\s+42\s+3\s+0\s+0/);
    expect(result.out).toMatch(/impacts\.ndjson\s+50\s+50\s+0\s+0\s+0/);
    expect(result.out).toContain('import: 2 row(s) rejected:');
    expect(result.out).toMatch(/credits\.ndjson\s+2\s+2\s+0\s+0\s+0/);
    expect(result.out).toContain('credits-bad.ndjson: 2 unknown_reference');
    expect(readFileSync(report, 'utf8').split('\r\n').slice(0, 2)).toEqual([
      'file,line,field,reason,detail',
      'credits-bad.ndjson,1,account_source_id,unknown_reference,no account NOPE',
    ]);
    // Again: all unchanged.
    const again = await run([SAMPLE]);
    expect(again.out).toMatch(/accounts\.csv\s+45\s+0\s+0\s+45\s+0/);
  });

  it('exits non-zero when a file is malformed, naming it, with nothing changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocd-hub-import-'));
    writeFileSync(join(dir, 'lines.csv'), 'source_id,bogus\n');
    const result = await run([dir]);
    expect(result.code).toBe(EXIT.refused);
    expect(result.out).toMatch(/lines\.csv.*REFUSED BAD_HEADER at line 1: unknown_column: bogus/);
    expect(result.err).toContain('nothing was changed');
  });

  it('says how to call it when the folder or DATABASE_URL is missing', async () => {
    expect((await run([])).code).toBe(EXIT.usage);
    expect((await run([SAMPLE], {})).err).toContain('DATABASE_URL is not set');
  });

  it('runs as `npm run hub -- import` (the hub entry) and exits 1 on a refused folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocd-hub-import-'));
    writeFileSync(join(dir, 'accounts.ndjson'), '{"source_id":"X"}');
    const tsx = resolve(ROOT, 'node_modules/.bin/tsx');
    const failure = await promisify(execFile)(tsx, ['hub/src/app/main.ts', 'import', dir], { cwd: ROOT, env: { ...process.env, DATABASE_URL: fixture.database.appUrl } }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stdout: string }).stdout).toMatch(/accounts\.ndjson.*REFUSED TRUNCATED/);
  });
});
