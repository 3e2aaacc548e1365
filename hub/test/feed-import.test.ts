import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubFailure } from '../src/common/hub-failure';
import { IMPORT_LOCK, runFeedImport, type FileProgress } from '../src/feeds/hub-import';
import { folderSources } from '../src/feeds/feed-text';
import { cancelImportRun, findImportRun, listImportRejections, listImportRunFiles } from '../src/feeds/import-run-repo';
import { startHubFixture, type HubFixture } from './hub-fixture';

const SAMPLE = resolve(__dirname, '../../resources/sample-feeds');
let fixture: HubFixture;

beforeAll(async () => {
  fixture = await startHubFixture();
});
afterAll(async () => {
  await fixture?.close();
});

function scratch(files: Record<string, string | Buffer>, withSample = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocd-hub-import-'));
  if (withSample) cpSync(SAMPLE, dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function importFolder(f: HubFixture, dir: string, extra: Partial<Parameters<typeof runFeedImport>[0]> = {}) {
  return runFeedImport({ pool: f.pool, sources: await folderSources(dir), clock: f.clock.now, ...extra });
}

/** Every carrier row by its source ids (hub ids differ between databases), outage_impacts by account number and outage. */
async function tableState(f: HubFixture) {
  const q = async (sql: string) => (await f.owner.query(sql)).rows;
  return {
    accounts: await q(`SELECT source_id, account_number, holder_name, email, contact_phone_e164, brand, segment, payment_type, status, bill_cycle_day,
      currency, monthly_charge_minor, country, region, postal_code, preferred_language, feed_hash FROM accounts ORDER BY account_number`),
    lines: await q(`SELECT l.source_id, a.source_id AS account, l.number_e164, l.service_type, l.monthly_rate_minor, l.status, l.feed_hash
      FROM lines l JOIN accounts a ON a.id = l.account_id ORDER BY l.source_id`),
    outages: await q(`SELECT source_id, title, starts_at, ends_at, cause, services, towers_affected, subscribers_affected, regions, revision, feed_hash
      FROM outages ORDER BY source_id NULLS FIRST, id`),
    impacts: await q(`SELECT i.source_id, o.source_id AS outage, l.source_id AS line, i.starts_at, i.ends_at, i.lost_minutes, i.connected_at_start, i.feed_hash
      FROM impacts i JOIN outages o ON o.id = i.outage_id JOIN lines l ON l.id = i.line_id ORDER BY i.source_id`),
    policies: await q(`SELECT code, version, rules FROM credit_policies ORDER BY code, version`),
    links: await q(`SELECT p.code, p.version, o.source_id FROM outage_policies op JOIN credit_policies p ON p.id = op.policy_id
      JOIN outages o ON o.id = op.outage_id ORDER BY 1, 2, 3`),
    credits: await q(`SELECT c.id, a.source_id AS account, l.source_id AS line, o.source_id AS outage, p.code, p.version AS policy_version, c.amount_minor,
      c.currency, c.source, c.status, c.scheduled_on, c.bill_date, c.created_at, c.version FROM credits c JOIN accounts a ON a.id = c.account_id
      JOIN outages o ON o.id = c.outage_id LEFT JOIN lines l ON l.id = c.line_id LEFT JOIN credit_policies p ON p.id = c.policy_id ORDER BY c.id`),
    outageImpacts: await q(`SELECT a.account_number, coalesce(o.source_id, o.id::text) AS outage FROM outage_impacts oi
      JOIN accounts a ON a.id = oi.account_id JOIN outages o ON o.id = oi.outage_id ORDER BY 1, 2`),
  };
}

async function batchEntries(f: HubFixture) {
  const { rows } = await f.owner.query<{ entity_id: string; audience: string; data: { batch: number; source: string; runId: string; tables: string[] } }>(
    `SELECT entity_id, audience, data FROM change_log WHERE entity = 'carrier_batch' ORDER BY position`,
  );
  return rows;
}

const counts = (files: Awaited<ReturnType<typeof listImportRunFiles>>) =>
  files.map((f) => [f.fileName, f.rowsTotal, f.rowsDone, f.inserted, f.updated, f.unchanged, f.rejected]);

/** Waits until no session of this fixture's database holds the import lock (a dead runner's goes when its backend exits). */
async function importLockReleased(fixture: { owner: { query: (sql: string, values: unknown[]) => Promise<{ rows: Array<{ n: number }> }> } }): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { rows } = await fixture.owner.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [IMPORT_LOCK],
    );
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the import lock was never released');
}

describe('feed import at the hub: the sample feeds', () => {
  it('imports every file with its counts, stamps the rows with batches the change log names, and keeps outage_impacts in step', async () => {
    const before = await batchEntries(fixture);
    const result = await importFolder(fixture, SAMPLE);
    expect(result.state).toBe('done');
    expect(counts(await listImportRunFiles(fixture.pool, result.runId))).toEqual([
      // The fixture's three accounts (no source id) are taken over by the feed rows with their numbers: updated.
      ['accounts.csv', 45, 45, 42, 3, 0, 0],
      ['lines.csv', 74, 74, 74, 0, 0, 0],
      ['outages.ndjson', 4, 4, 4, 0, 0, 0],
      ['impacts.ndjson', 50, 50, 50, 0, 0, 0],
      ['credit_policies.ndjson', 10, 10, 10, 0, 0, 0],
      ['credits.ndjson', 2, 2, 2, 0, 0, 0],
    ]);
    expect(await listImportRejections(fixture.pool, result.runId, 10)).toEqual([]);
    // The billing feed's credits, under their source ids, with the key the policy run gives (per account, outage and policy code).
    const { rows: fed } = await fixture.owner.query(
      `SELECT c.id, c.amount_minor, c.currency, c.source, c.status, to_char(c.bill_date, 'YYYY-MM-DD') AS bill_date, c.version,
         c.idempotency_key = 'account:' || c.account_id || '|outage:' || c.outage_id || '|policy:' || c.policy_code AS run_key
       FROM credits c ORDER BY c.id`,
    );
    expect(fed).toEqual([
      { id: 'BILL-CR-0001', amount_minor: 500, currency: 'USD', source: 'automatic', status: 'scheduled', bill_date: '2024-03-14', version: 1, run_key: true },
      { id: 'BILL-CR-0002', amount_minor: 310, currency: 'EUR', source: 'automatic', status: 'scheduled', bill_date: '2024-10-01', version: 1, run_key: true },
    ]);
    expect((await findImportRun(fixture.pool, result.runId))?.state).toBe('done');

    // One change-log entry per committed chunk that wrote rows, each naming its batch; every stamped row is in one of them.
    const entries = (await batchEntries(fixture)).slice(before.length);
    expect(entries.map((e) => e.data.tables)).toEqual([['accounts'], ['lines'], ['outages'], ['impacts'], ['credit_policies', 'outage_policies'], ['credits']]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ entity_id: String(entry.data.batch), audience: 'all', data: { source: 'import', runId: result.runId } });
    }
    const batches = entries.map((e) => e.data.batch);
    const stamped = await fixture.owner.query(`SELECT 'accounts' AS t, carrier_batch FROM accounts UNION ALL SELECT 'lines', carrier_batch FROM lines
      UNION ALL SELECT 'outages', carrier_batch FROM outages WHERE source_id IS NOT NULL UNION ALL SELECT 'impacts', carrier_batch FROM impacts
      UNION ALL SELECT 'credit_policies', carrier_batch FROM credit_policies UNION ALL SELECT 'outage_policies', carrier_batch FROM outage_policies
      UNION ALL SELECT 'credits', carrier_batch FROM credits`);
    for (const row of stamped.rows as { t: string; carrier_batch: string }[]) {
      const entry = entries.find((e) => e.data.batch === Number(row.carrier_batch));
      expect(entry?.data.tables, `${row.t} batch ${row.carrier_batch}`).toContain(row.t);
    }
    expect(new Set(batches).size).toBe(batches.length);

    // The fixture's outages keep ids 1 and 2; imported ones get new ids past them.
    const { rows: outageIds } = await fixture.owner.query<{ id: number; source_id: string | null }>('SELECT id, source_id FROM outages ORDER BY id');
    expect(outageIds.slice(0, 2)).toEqual([{ id: 1, source_id: null }, { id: 2, source_id: null }]);
    expect(outageIds.slice(2).every((o) => o.id > 2 && o.source_id !== null)).toBe(true);

    // outage_impacts is exactly the (account, outage) pairs the impacts join.
    const { rows: derived } = await fixture.owner.query(`SELECT DISTINCT l.account_id, i.outage_id FROM impacts i JOIN lines l ON l.id = i.line_id ORDER BY 1, 2`);
    const { rows: kept } = await fixture.owner.query('SELECT account_id, outage_id FROM outage_impacts ORDER BY 1, 2');
    expect(kept).toEqual(derived);
    expect(kept.length).toBeGreaterThan(0);
  });

  it('re-imports the same files as all unchanged: no row written, no batch, no change-log entry', async () => {
    const state = await tableState(fixture);
    const entries = (await batchEntries(fixture)).length;
    const { rows: maxBatch } = await fixture.owner.query(`SELECT max(carrier_batch)::int AS b FROM (SELECT carrier_batch FROM accounts UNION ALL
      SELECT carrier_batch FROM lines UNION ALL SELECT carrier_batch FROM impacts UNION ALL SELECT carrier_batch FROM outages) x`);
    const again = await importFolder(fixture, SAMPLE);
    expect(again.state).toBe('done');
    expect(counts(await listImportRunFiles(fixture.pool, again.runId))).toEqual([
      ['accounts.csv', 45, 45, 0, 0, 45, 0],
      ['lines.csv', 74, 74, 0, 0, 74, 0],
      ['outages.ndjson', 4, 4, 0, 0, 4, 0],
      ['impacts.ndjson', 50, 50, 0, 0, 50, 0],
      ['credit_policies.ndjson', 10, 10, 0, 0, 10, 0],
      ['credits.ndjson', 2, 2, 0, 0, 2, 0],
    ]);
    expect(await tableState(fixture)).toEqual(state);
    expect((await batchEntries(fixture)).length).toBe(entries);
    const { rows: maxAfter } = await fixture.owner.query(`SELECT max(carrier_batch)::int AS b FROM (SELECT carrier_batch FROM accounts UNION ALL
      SELECT carrier_batch FROM lines UNION ALL SELECT carrier_batch FROM impacts UNION ALL SELECT carrier_batch FROM outages) x`);
    expect(maxAfter).toEqual(maxBatch);
  });

  it('applies a revised row as updated: an outage end moves its revision, an impact moved to another line moves outage_impacts', async () => {
    const dir = scratch({
      'outages-revised.ndjson':
        '{"source_id":"us-2024-08-05-storm","title":"Tropical storm damage in the Southeast","starts_at":"2024-08-05T12:00:00.000Z","ends_at":"2024-08-08T09:30:00.000Z","cause":"weather","services":["wireless_voice","wireless_data","home_internet"],"towers_affected":1250,"regions":["FL","GA","SC","NC"]}\n',
      // I2 was on L3 (account A1): now on L1 (account A0).
      'impacts-moved.ndjson':
        '{"source_id":"I2","outage_source_id":"us-2024-08-05-storm","line_source_id":"L1","starts_at":"2024-08-05T13:18:00.000Z","ends_at":"2024-08-07T03:03:00.000Z","lost_minutes":2265,"connected_at_start":true}\n',
    });
    const result = await importFolder(fixture, dir);
    expect(counts(await listImportRunFiles(fixture.pool, result.runId))).toEqual([
      ['outages-revised.ndjson', 1, 1, 0, 1, 0, 0],
      ['impacts-moved.ndjson', 1, 1, 0, 1, 0, 0],
    ]);
    const { rows } = await fixture.owner.query(`SELECT revision, ends_at FROM outages WHERE source_id = 'us-2024-08-05-storm'`);
    expect(rows[0]).toEqual({ revision: 2, ends_at: new Date('2024-08-08T09:30:00.000Z') });
    const { rows: derived } = await fixture.owner.query(`SELECT DISTINCT l.account_id, i.outage_id FROM impacts i JOIN lines l ON l.id = i.line_id ORDER BY 1, 2`);
    const { rows: kept } = await fixture.owner.query('SELECT account_id, outage_id FROM outage_impacts ORDER BY 1, 2');
    expect(kept).toEqual(derived);
  });
});

describe('feed import at the hub: a link a policy feed drops', () => {
  it('is deleted at the hub and named in the batch entry (a deleted row has no stamp to be read by); the feed again brings it back', async () => {
    const policies = (await import('node:fs')).readFileSync(join(SAMPLE, 'credit_policies.ndjson'), 'utf8');
    const v2 = policies.split('\n').find((l) => l.includes('"code":"att-2024-02-make-it-right","version":2'))!;
    const dropped = JSON.stringify({ ...JSON.parse(v2), outage_source_ids: [] });
    const { rows: outage } = await fixture.owner.query<{ id: number }>("SELECT id FROM outages WHERE source_id = 'att-2024-02-22-nationwide'");
    const links = async () =>
      (await fixture.owner.query(`SELECT o.source_id FROM outage_policies op JOIN credit_policies p ON p.id = op.policy_id JOIN outages o ON o.id = op.outage_id
        WHERE p.code = 'att-2024-02-make-it-right' AND p.version = 2`)).rows.map((r) => r.source_id);
    expect(await links()).toEqual(['att-2024-02-22-nationwide']);
    const before = (await batchEntries(fixture)).length;
    const result = await importFolder(fixture, scratch({ 'credit_policies.ndjson': dropped + '\n' }));
    expect(counts(await listImportRunFiles(fixture.pool, result.runId))).toEqual([['credit_policies.ndjson', 1, 1, 0, 1, 0, 0]]);
    expect(await links()).toEqual([]);
    const entries = (await batchEntries(fixture)).slice(before);
    expect(entries.map((e) => e.data)).toEqual([
      {
        batch: entries[0]!.data.batch,
        source: 'import',
        runId: result.runId,
        tables: ['credit_policies', 'outage_policies'],
        removed: { outage_policies: [{ outageId: outage[0]!.id, policyCode: 'att-2024-02-make-it-right', policyVersion: 2 }] },
      },
    ]);
    // The sample's row again: the link is back (a row with the batch's stamp), and the entry removes nothing.
    const back = await importFolder(fixture, scratch({ 'credit_policies.ndjson': v2 + '\n' }));
    expect(counts(await listImportRunFiles(fixture.pool, back.runId))).toEqual([['credit_policies.ndjson', 1, 1, 0, 1, 0, 0]]);
    expect(await links()).toEqual(['att-2024-02-22-nationwide']);
    const last = (await batchEntries(fixture)).at(-1)!;
    expect(last.data).not.toHaveProperty('removed');
  });
});

describe('feed import at the hub: refusals and rejections', () => {
  const account = (sourceId: string, number: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      source_id: sourceId, account_number: number, holder_name: 'Test Holder', brand: 'att', segment: 'consumer', payment_type: 'postpaid',
      status: 'active', bill_cycle_day: 3, currency: 'USD', monthly_charge_minor: 100, country: 'US', region: 'TX', postal_code: '75001', ...extra,
    });

  it.each([
    ['lines.csv', 'source_id,account_source_id,number_e164,bogus\n', 'BAD_HEADER', 1],
    ['lines.csv', Buffer.from([0x73, 0x6f, 0xff, 0xfe, 0x0a]), 'NOT_UTF8', null],
    ['lines.ndjson', '{"source_id":"X"}\n{"source_id":"Y"', 'TRUNCATED', 2],
    ['lines.csv', 'source_id,account_source_id,number_e164,service_type,monthly_rate_minor,status\nL9,A"0,+1,x,1,active\n', 'BAD_CSV', 2],
  ])('refuses the whole run for a malformed %s (%s), before anything changes', async (name, content, code, line) => {
    const state = await tableState(fixture);
    const dir = scratch({ 'accounts.ndjson': account('REFUSE-1', '299000000001') + '\n', [name]: content });
    const result = await importFolder(fixture, dir);
    expect(result.state).toBe('refused');
    const files = await listImportRunFiles(fixture.pool, result.runId);
    expect(files.find((f) => f.fileName === name)).toMatchObject({ problem: code, problemLine: line, rowsDone: 0 });
    expect(files.find((f) => f.fileName === 'accounts.ndjson')).toMatchObject({ problem: null, rowsDone: 0, inserted: 0 });
    expect(await tableState(fixture)).toEqual(state);
    expect((await findImportRun(fixture.pool, result.runId))?.state).toBe('refused');
  });

  it('refuses a folder with no feed file', async () => {
    const result = await importFolder(fixture, scratch({ 'notes.txt': 'hello\n' }));
    expect(result.state).toBe('refused');
  });

  it('rejects bad rows with file, line, field and reason, and applies the rest', async () => {
    const dir = scratch({
      'accounts.ndjson': [
        account('BAD-A1', '299000000011'),
        account('BAD-A2', '299000000012', { bill_cycle_day: 31 }),
        '{not json',
        account('BAD-A1', '299000000013'),
        account('BAD-A4', '287100000001'),
        JSON.stringify({ source_id: 'BAD-A5' }),
        account('BAD-A6', '299000000016', { nickname: 'x' }),
        account('BAD-A7', '299000000011'),
        account('BAD-A8', '299000000018', { monthly_charge_minor: -5 }),
        '[1,2]',
      ].join('\n') + '\n',
      'lines.csv': 'source_id,account_source_id,number_e164,service_type,monthly_rate_minor,status\nBAD-L1,BAD-A1,+12145550100,wireless_voice,100,active\nBAD-L2,NOPE,+12145550101,wireless_voice,100,active\nBAD-L3,BAD-A1,12145550102,wireless_voice,100,active\n',
      'impacts.ndjson': [
        JSON.stringify({ source_id: 'BAD-I1', outage_source_id: 'us-2024-08-05-storm', line_source_id: 'BAD-L1', starts_at: '2024-08-05T13:00:00Z', connected_at_start: true }),
        JSON.stringify({ source_id: 'BAD-I2', outage_source_id: 'no-such-outage', line_source_id: 'BAD-L1', starts_at: '2024-08-05T13:00:00Z', connected_at_start: true }),
        JSON.stringify({ source_id: 'BAD-I3', outage_source_id: 'us-2024-08-05-storm', line_source_id: 'BAD-L2', starts_at: '2024-08-05T13:00:00Z', connected_at_start: true }),
        JSON.stringify({ source_id: 'BAD-I4', outage_source_id: 'us-2024-08-05-storm', line_source_id: 'BAD-L1', starts_at: '2024-08-05T13:00:00Z', ends_at: '2024-08-05T12:00:00Z', lost_minutes: 1, connected_at_start: true }),
      ].join('\n') + '\n',
      'credit_policies.ndjson': [
        JSON.stringify({ code: 'bad-policy', version: 1, outage_source_ids: ['no-such-outage'], rules: { code: 'bad-policy', version: 1, name: 'x', currency: 'USD', unit: 'account', amount: { kind: 'flat', amountMinor: 500 }, delivery: { mode: 'automatic', postWithinCycles: 2 } } }),
        JSON.stringify({ code: 'ny-psc-24h', version: 1, outage_source_ids: [], rules: { code: 'ny-psc-24h', version: 1, name: 'Changed name', currency: 'USD', unit: 'account', amount: { kind: 'flat', amountMinor: 999 }, delivery: { mode: 'automatic', postWithinCycles: 2 } } }),
      ].join('\n') + '\n',
    });
    const result = await importFolder(fixture, dir);
    expect(result.state).toBe('done');
    const rejections = (await listImportRejections(fixture.pool, result.runId, 100)).map((r) => [r.fileName, r.line, r.field, r.reason, r.detail]);
    expect(rejections).toEqual([
      ['accounts.ndjson', 2, 'bill_cycle_day', 'out_of_range', expect.any(String)],
      ['accounts.ndjson', 3, '', 'not_json', 'the line is not JSON'],
      ['accounts.ndjson', 4, 'source_id', 'duplicate_key', 'BAD-A1 appears earlier in the file'],
      ['accounts.ndjson', 5, 'account_number', 'conflict', 'account number 287100000001 is held by another account'],
      ['accounts.ndjson', 6, 'account_number', 'missing', expect.any(String)],
      ['accounts.ndjson', 7, 'nickname', 'unknown_field', expect.any(String)],
      ['accounts.ndjson', 8, 'account_number', 'conflict', 'account number 299000000011 appears earlier in the file'],
      ['accounts.ndjson', 9, 'monthly_charge_minor', 'negative', expect.any(String)],
      ['accounts.ndjson', 10, '', 'not_an_object', 'a row must be an object'],
      ['lines.csv', 3, 'account_source_id', 'unknown_reference', 'no account NOPE'],
      ['lines.csv', 4, 'number_e164', 'invalid_value', expect.any(String)],
      ['impacts.ndjson', 2, 'outage_source_id', 'unknown_reference', 'no outage no-such-outage'],
      ['impacts.ndjson', 3, 'line_source_id', 'unknown_reference', 'no line BAD-L2'],
      ['impacts.ndjson', 4, 'ends_at', 'invalid_value', 'ends before it starts'],
      ['credit_policies.ndjson', 1, 'outage_source_ids', 'unknown_reference', 'no outage no-such-outage'],
      ['credit_policies.ndjson', 2, 'rules', 'conflict', 'ny-psc-24h v1 exists with other rules'],
    ]);
    expect(counts(await listImportRunFiles(fixture.pool, result.runId))).toEqual([
      ['accounts.ndjson', 10, 10, 1, 0, 0, 9],
      ['lines.csv', 3, 3, 1, 0, 0, 2],
      ['impacts.ndjson', 4, 4, 1, 0, 0, 3],
      ['credit_policies.ndjson', 2, 2, 0, 0, 0, 2],
    ]);
    const { rows } = await fixture.owner.query(`SELECT source_id FROM accounts WHERE source_id LIKE 'BAD-%' UNION ALL SELECT source_id FROM lines WHERE source_id LIKE 'BAD-%'
      UNION ALL SELECT source_id FROM impacts WHERE source_id LIKE 'BAD-%' ORDER BY 1`);
    expect(rows.map((r) => r.source_id)).toEqual(['BAD-A1', 'BAD-I1', 'BAD-L1']);
  });
});

describe('feed import at the hub: the credits feed, as the desktop applies it', () => {
  const credit = (sourceId: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      source_id: sourceId, account_source_id: 'A0', outage_source_id: 'us-2024-08-05-storm', policy_code: 'att-2024-02-make-it-right', policy_version: 1,
      amount_minor: 700, currency: 'USD', source: 'automatic', status: 'scheduled', scheduled_on: '2024-08-10', bill_date: '2024-09-01',
      created_at: '2024-08-10T00:00:00.000Z', ...extra,
    });
  const idOf = async (table: string, sourceId: string) => (await fixture.owner.query<{ id: string }>(`SELECT id::text FROM ${table} WHERE source_id = $1`, [sourceId])).rows[0]!.id;

  it('stores valid credits under their source ids with the run key, updates a changed one, and rejects each bad row with its reason', async () => {
    const [a1, storm, l1] = [await idOf('accounts', 'A1'), await idOf('outages', 'us-2024-08-05-storm'), await idOf('lines', 'L1')];
    // A credit the hub's policy run wrote already holds the key of row 10.
    await fixture.owner.query(
      `INSERT INTO credits (id, account_id, outage_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date, idempotency_key, created_at)
       VALUES ('RUN-1', $1, $2, 'att-guarantee-2025-wireless', 500, 'USD', 'automatic', 'scheduled', '2024-08-10', '2024-09-01', $3, now())`,
      [a1, storm, `account:${a1}|outage:${storm}|policy:att-guarantee-2025-wireless`],
    );
    // Billing has the second sample credit.
    const { rows: batch } = await fixture.owner.query<{ id: number }>(
      `INSERT INTO export_batches (created_at, credit_count, file_name, sha256) VALUES (now(), 1, 'test-batch.csv', 'x') RETURNING id`,
    );
    await fixture.owner.query(`UPDATE credits SET exported_batch_id = $1 WHERE id = 'BILL-CR-0002'`, [batch[0]!.id]);
    const entriesBefore = (await batchEntries(fixture)).length;
    const sample = (await import('node:fs')).readFileSync(join(SAMPLE, 'credits.ndjson'), 'utf8').trim().split('\n');
    const dir = scratch({
      'credits-hand.ndjson': [
        credit('CR-OK-1', { line_source_id: 'L1' }),
        credit('CR-BAD-ACC', { account_source_id: 'NOPE' }),
        credit('CR-BAD-LINE', { line_source_id: 'L3' }),
        credit('CR-BAD-LINE2', { line_source_id: 'NOPE' }),
        credit('CR-BAD-OUT', { outage_source_id: 'NOPE' }),
        credit('CR-BAD-POL', { policy_version: 9 }),
        credit('CR-DUP-KEY', { line_source_id: 'L1', policy_version: 2 }),
        credit('CR-NO-BILL', { account_source_id: 'A1', bill_date: undefined }),
        sample[0]!.replace('"amount_minor":500', '"amount_minor":600'),
        credit('CR-RUN', { account_source_id: 'A1', policy_code: 'att-guarantee-2025-wireless' }),
        sample[1]!.replace('"amount_minor":310', '"amount_minor":999'),
        sample[1]!,
      ].join('\n') + '\n',
    });
    const result = await importFolder(fixture, dir);
    expect(result.state).toBe('done');
    expect((await listImportRejections(fixture.pool, result.runId, 100)).map((r) => [r.line, r.field, r.reason, r.detail])).toEqual([
      [2, 'account_source_id', 'unknown_reference', 'no account NOPE'],
      [3, 'line_source_id', 'invalid_value', 'the line belongs to another account'],
      [4, 'line_source_id', 'unknown_reference', 'no line NOPE'],
      [5, 'outage_source_id', 'unknown_reference', 'no outage NOPE'],
      [6, 'policy_code', 'unknown_reference', 'no policy att-2024-02-make-it-right v9'],
      [7, '', 'conflict', `credit CR-OK-1 already has the key line:${l1}|outage:${storm}|policy:att-2024-02-make-it-right`],
      [8, 'bill_date', 'missing', 'a credit at the hub needs its scheduled date and its bill date'],
      [10, '', 'conflict', `credit RUN-1 already has the key account:${a1}|outage:${storm}|policy:att-guarantee-2025-wireless`],
      [11, '', 'already_exported', `exported in batch ${batch[0]!.id}`],
      // Row 12 is the same file's BILL-CR-0002 again: a duplicate key in the file, whatever its values.
      [12, 'source_id', 'duplicate_key', 'BILL-CR-0002 appears earlier in the file'],
    ]);
    expect(counts(await listImportRunFiles(fixture.pool, result.runId))).toEqual([['credits-hand.ndjson', 12, 12, 1, 1, 0, 10]]);
    const { rows } = await fixture.owner.query(
      `SELECT id, amount_minor, version, carrier_batch::int AS batch, idempotency_key AS key FROM credits WHERE id IN ('CR-OK-1', 'BILL-CR-0001', 'BILL-CR-0002') ORDER BY id`,
    );
    const entries = (await batchEntries(fixture)).slice(entriesBefore);
    expect(entries.map((e) => e.data.tables)).toEqual([['credits']]);
    const stamp = entries[0]!.data.batch;
    expect(rows).toEqual([
      { id: 'BILL-CR-0001', amount_minor: 600, version: 2, batch: stamp, key: expect.stringMatching(/^account:\d+\|outage:\d+\|policy:att-2024-02-make-it-right$/) },
      { id: 'BILL-CR-0002', amount_minor: 310, version: 1, batch: expect.any(Number), key: expect.any(String) },
      { id: 'CR-OK-1', amount_minor: 700, version: 1, batch: stamp, key: `line:${l1}|outage:${storm}|policy:att-2024-02-make-it-right` },
    ]);
    expect(rows[1]!.batch).not.toBe(stamp);
    const { rows: none } = await fixture.owner.query(`SELECT id FROM credits WHERE id LIKE 'CR-BAD-%' OR id IN ('CR-DUP-KEY', 'CR-NO-BILL', 'CR-RUN')`);
    expect(none).toEqual([]);

    // The same file again: what was applied is unchanged, nothing is written and no batch is taken.
    const state = await tableState(fixture);
    const again = await importFolder(fixture, dir);
    expect(counts(await listImportRunFiles(fixture.pool, again.runId))).toEqual([['credits-hand.ndjson', 12, 12, 0, 0, 2, 10]]);
    expect(await tableState(fixture)).toEqual(state);
    expect((await batchEntries(fixture)).length).toBe(entriesBefore + 1);
  });
});

describe('feed import at the hub: crashes, cancel and one run at a time', () => {
  let other: HubFixture;
  let reference: Awaited<ReturnType<typeof tableState>>;
  beforeAll(async () => {
    other = await startHubFixture();
    // The uninterrupted run, in a database of its own.
    await importFolder(other, SAMPLE);
    reference = await tableState(other);
  });
  afterAll(async () => {
    await other?.close();
  });

  it('a run whose connection is killed mid-import, run again, ends where an uninterrupted run does', async () => {
    const killed = await startHubFixture();
    try {
      let chunks = 0;
      const kill = async (file: FileProgress) => {
        chunks += 1;
        // Cut the runner's own connection (the one holding the import lock) after a few committed chunks, in the impacts file.
        if (file.entity === 'impacts' && chunks >= 3) {
          await killed.owner.query(
            `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1
               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            [IMPORT_LOCK],
          );
        }
      };
      const first = importFolder(killed, SAMPLE, { chunkRows: 7, hooks: { afterChunk: kill } });
      await expect(first).rejects.toThrow();
      const partial = await tableState(killed);
      expect(partial.impacts.length).toBeGreaterThan(0);
      expect(partial.impacts.length).toBeLessThan(50);
      expect(partial.policies).toEqual([]);
      // The lock goes with the killed session once its backend has exited (asynchronously).
      await importLockReleased(killed);
      const again = await importFolder(killed, SAMPLE, { chunkRows: 7 });
      expect(again.state).toBe('done');
      expect(await tableState(killed)).toEqual(reference);
      // The killed run is no longer shown as under way.
      const { rows } = await killed.owner.query(`SELECT state FROM import_runs ORDER BY started_at, state`);
      expect(rows.map((r) => r.state).sort()).toEqual(['done', 'failed']);
    } finally {
      await killed.close();
    }
  });

  it('a run that throws between files, run again, ends where an uninterrupted run does', async () => {
    const broken = await startHubFixture();
    try {
      const boom = (file: FileProgress) => {
        if (file.entity === 'outages') throw new Error('power cut');
      };
      await expect(importFolder(broken, SAMPLE, { hooks: { afterChunk: boom } })).rejects.toThrow('power cut');
      expect((await tableState(broken)).impacts).toEqual([]);
      await importLockReleased(broken);
      await importFolder(broken, SAMPLE);
      expect(await tableState(broken)).toEqual(reference);
    } finally {
      await broken.close();
    }
  });

  it('cancel stops after the chunk in flight, from this runner or from anyone through the run row', async () => {
    const cancelled = await startHubFixture();
    try {
      let stop = false;
      const progress: number[] = [];
      const result = await importFolder(cancelled, SAMPLE, {
        chunkRows: 10,
        onProgress: (file) => progress.push(file.counts.rowsDone),
        hooks: { afterChunk: (file) => void (file.entity === 'lines' && (stop = true)) },
        shouldStop: () => stop,
      });
      expect(result.state).toBe('cancelled');
      expect(progress).toEqual([10, 20, 30, 40, 45, 10]);
      const files = await listImportRunFiles(cancelled.pool, result.runId);
      expect(files.map((f) => f.rowsDone)).toEqual([45, 10, 0, 0, 0, 0]);
      expect((await tableState(cancelled)).lines).toHaveLength(10);

      // A cancel through the run row (another request, another hub process): no chunk commits after it.
      const second = await importFolder(cancelled, SAMPLE, {
        chunkRows: 10,
        hooks: { afterChunk: async (file) => void (file.entity === 'lines' && (await cancelImportRun(cancelled.pool, file.runId, cancelled.clock.now()))) },
      });
      expect(second.state).toBe('cancelled');
      expect((await listImportRunFiles(cancelled.pool, second.runId)).map((f) => f.rowsDone)).toEqual([45, 10, 0, 0, 0, 0]);
      expect((await tableState(cancelled)).lines).toHaveLength(10);
    } finally {
      await cancelled.close();
    }
  });

  it('refuses a second import while one runs (CONFLICT)', async () => {
    const holder = await other.owner.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [IMPORT_LOCK]);
      const attempt = importFolder(other, SAMPLE);
      await expect(attempt).rejects.toBeInstanceOf(HubFailure);
      await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [IMPORT_LOCK]);
      holder.release();
    }
  });
});

describe('feed import at the hub: any order and repetition of the same rows converges', () => {
  const sourceIds = Array.from({ length: 12 }, (_, i) => `PROP-${i}`);
  const accountRow = fc.record({
    source: fc.integer({ min: 0, max: sourceIds.length - 1 }),
    holder: fc.constantFrom('Ann Lee', 'Bo Chen', 'Cy Diaz', 'Dé Müller'),
    charge: fc.integer({ min: 0, max: 50_000 }),
    status: fc.constantFrom('active', 'suspended', 'closed'),
  });

  it('the stored accounts are the first row of each source id, whatever the order, duplicates and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(accountRow, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 8 }), async (rows, chunkRows) => {
        const lines = rows.map((r) =>
          JSON.stringify({
            source_id: sourceIds[r.source], account_number: String(298000000000 + r.source), holder_name: r.holder, brand: 'att', segment: 'consumer',
            payment_type: 'postpaid', status: r.status, bill_cycle_day: 9, currency: 'USD', monthly_charge_minor: r.charge, country: 'US', region: 'TX', postal_code: '75001',
          }),
        );
        const result = await importFolder(fixture, scratch({ 'accounts.ndjson': lines.join('\n') + '\n' }), { chunkRows });
        const firstOf = new Map<string, (typeof rows)[number]>();
        for (const r of rows) if (!firstOf.has(sourceIds[r.source]!)) firstOf.set(sourceIds[r.source]!, r);
        const { rows: stored } = await fixture.owner.query<{ source_id: string; holder_name: string; monthly_charge_minor: string; status: string }>(
          `SELECT source_id, holder_name, monthly_charge_minor, status FROM accounts WHERE source_id = ANY($1)`,
          [[...firstOf.keys()]],
        );
        expect(new Map(stored.map((s) => [s.source_id, [s.holder_name, Number(s.monthly_charge_minor), s.status]]))).toEqual(
          new Map([...firstOf].map(([id, r]) => [id, [r.holder, r.charge, r.status]])),
        );
        const [file] = await listImportRunFiles(fixture.pool, result.runId);
        expect(file).toMatchObject({ rowsDone: rows.length, rejected: rows.length - firstOf.size });
        expect(file!.inserted + file!.updated + file!.unchanged).toBe(firstOf.size);
        // The same file again: all unchanged.
        const again = await importFolder(fixture, scratch({ 'accounts.ndjson': lines.join('\n') + '\n' }), { chunkRows });
        const [second] = await listImportRunFiles(fixture.pool, again.runId);
        expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: firstOf.size });
      }),
      { numRuns: 15 },
    );
  });
});
