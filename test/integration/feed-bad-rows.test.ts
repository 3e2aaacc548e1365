import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { APP, fileCounts, importFeeds, openFeedBench, scanFeeds, snapshotData, type FeedBench } from './feed-fixtures';

let bench: FeedBench | undefined;
afterEach(() => {
  bench?.close();
  bench = undefined;
});

const ACCOUNT = {
  source_id: 'T-A1',
  account_number: '555000000001',
  holder_name: 'Test Holder',
  brand: 'att',
  segment: 'consumer',
  payment_type: 'postpaid',
  status: 'active',
  bill_cycle_day: 5,
  currency: 'USD',
  monthly_charge_minor: 6500,
  country: 'US',
  region: 'NY',
  postal_code: '10001',
};

function ndjson(rows: object[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

describe('a bad row is reported with file, line, field and reason, and skipped', () => {
  it('rejects each kind of bad row and still imports the good ones', async () => {
    bench = await openFeedBench();
    const { monthly_charge_minor: _m, ...withoutCharge } = ACCOUNT;
    const accounts = bench.file(
      'accounts.ndjson',
      ndjson([
        ACCOUNT,
        { ...withoutCharge, source_id: 'T-A2', account_number: '555000000002' },
        { ...ACCOUNT, source_id: 'T-A3', account_number: '555000000003', bill_cycle_day: 'fifth' },
        { ...ACCOUNT, source_id: 'T-A4', account_number: '555000000004', monthly_charge_minor: -100 },
        { ...ACCOUNT, source_id: 'T-A1', account_number: '555000000005' },
        { ...ACCOUNT, source_id: 'T-A6', account_number: '555000000006', nickname: 'Bob' },
        { ...ACCOUNT, source_id: 'T-A7', account_number: '555000000007' },
      ]) + '{"source_id": \n',
    );
    const lines = bench.file(
      'lines.csv',
      [
        'source_id,account_source_id,number_e164,service_type,monthly_rate_minor,status',
        'T-L1,T-A1,+12125550001,wireless_voice,6500,active',
        'T-L2,NO-SUCH-ACCOUNT,+12125550002,wireless_voice,6500,active',
        'T-L3,T-A7,+12125550003,wireless_voice,65.00,active',
        '"T-L4","T-A7","+12125550004","wireless_data","1500","active"',
        '',
      ].join('\r\n'),
    );
    const outages = bench.file(
      'outages.ndjson',
      ndjson([
        { source_id: 'T-O1', title: 'Test', starts_at: '2024-02-22T08:45:00Z', ends_at: '2024-02-22T12:00:00Z', cause: 'equipment', services: [], regions: ['NY'] },
        { source_id: 'T-O2', title: 'Bad date', starts_at: '22/02/2024 08:45', cause: 'equipment', services: [], regions: [] },
        { source_id: 'T-O3', title: 'Not a day', starts_at: '2024-02-30T08:45:00Z', cause: 'equipment', services: [], regions: [] },
      ]),
    );
    const status = await importFeeds(bench, [lines, accounts, outages]);
    expect(status.state).toBe('done');
    const rejected = status.rejections.map((r) => [r.fileName, r.line, r.field, r.reason]);
    expect(rejected).toEqual([
      ['accounts.ndjson', 2, 'monthly_charge_minor', 'missing'],
      ['accounts.ndjson', 3, 'bill_cycle_day', 'wrong_type'],
      ['accounts.ndjson', 4, 'monthly_charge_minor', 'negative'],
      ['accounts.ndjson', 5, 'source_id', 'duplicate_key'],
      ['accounts.ndjson', 6, 'nickname', 'unknown_field'],
      ['accounts.ndjson', 8, '', 'not_json'],
      ['lines.csv', 3, 'account_source_id', 'unknown_reference'],
      ['lines.csv', 4, 'monthly_rate_minor', 'wrong_type'],
      ['outages.ndjson', 2, 'starts_at', 'bad_date'],
      ['outages.ndjson', 3, 'starts_at', 'bad_date'],
    ]);
    expect(fileCounts(status, 'accounts')).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 6 });
    expect(fileCounts(status, 'lines')).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(fileCounts(status, 'outages')).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 2 });

    const db = bench.backend.db;
    expect(db.prepare(`SELECT source_id FROM accounts WHERE source_id LIKE 'T-%' ORDER BY 1`).pluck().all()).toEqual(['T-A1', 'T-A7']);
    // The first row of a duplicated key wins; the second never half-applies.
    expect(db.prepare(`SELECT account_number FROM accounts WHERE source_id = 'T-A1'`).pluck().get()).toBe('555000000001');
    expect(db.prepare(`SELECT source_id FROM lines WHERE source_id LIKE 'T-%' ORDER BY 1`).pluck().all()).toEqual(['T-L1', 'T-L4']);

    const report = readFileSync(status.reportPath as string, 'utf8').split('\r\n');
    expect(report[0]).toBe('file,line,field,reason,detail');
    expect(report.filter((l) => l.length > 0)).toHaveLength(1 + 10);
    expect(report[1]).toMatch(/^accounts\.ndjson,2,monthly_charge_minor,missing,/);
  });

  it('refuses a line whose NDJSON is cut off at the very end (no line break) as a truncated file', async () => {
    bench = await openFeedBench();
    const before = snapshotData(bench.backend.db);
    const accounts = bench.file('accounts.ndjson', ndjson([ACCOUNT]) + JSON.stringify({ ...ACCOUNT, source_id: 'T-A9' }).slice(0, 40));
    const status = await importFeeds(bench, [accounts]);
    expect(status.state).toBe('refused');
    expect(status.files[0]?.problem).toMatchObject({ code: 'TRUNCATED', line: 2 });
    expect(snapshotData(bench.backend.db)).toEqual(before);
  });
});

describe('a malformed file is refused and changes nothing', () => {
  const header = 'source_id,account_source_id,number_e164,service_type,monthly_rate_minor,status\n';
  const goodLine = 'T-L1,DEMO-A1,+12125550001,wireless_voice,6500,active\n';

  it.each([
    ['not UTF-8', 'lines.csv', Buffer.concat([Buffer.from(header + goodLine), Buffer.from([0x54, 0x2d, 0xff, 0xfe, 0x0a])]), 'NOT_UTF8'],
    ['a cut-off last line', 'lines.csv', header + goodLine + 'T-L2,DEMO-A1,+1212', 'TRUNCATED'],
    ['an unterminated quote', 'lines.csv', header + goodLine + 'T-L2,"DEMO-A1,+1212\n', 'TRUNCATED'],
    ['a wrong header', 'lines.csv', 'source_id,account,number_e164,service_type,monthly_rate_minor,status\n' + goodLine, 'BAD_HEADER'],
    ['a missing header column', 'lines.csv', 'source_id,account_source_id,number_e164,service_type,status\n' + goodLine, 'BAD_HEADER'],
    ['a stray quote', 'lines.csv', header + 'T-L"1,DEMO-A1,+12125550001,wireless_voice,6500,active\n', 'BAD_CSV'],
    ['a file name that is no feed', 'customers.csv', header + goodLine, 'UNKNOWN_FILE'],
  ])('refuses %s', async (_what, name, content, code) => {
    bench = await openFeedBench();
    const before = snapshotData(bench.backend.db);
    // A good accounts file beside it is not applied either: the files depend on each other.
    const good = bench.file('accounts.ndjson', ndjson([ACCOUNT]));
    const paths = [good, bench.file(name, content)];
    const scan = await scanFeeds(bench, paths);
    expect(scan.files.find((f) => f.fileName === name)?.problem?.code).toBe(code);
    expect(scan.files.find((f) => f.fileName === 'accounts.ndjson')?.problem).toBeNull();
    const status = await importFeeds(bench, paths);
    expect(status.state).toBe('refused');
    expect(snapshotData(bench.backend.db)).toEqual(before);
  });
});

describe('opening an import’s report', () => {
  async function importWithRejection(b: FeedBench) {
    const accounts = b.file('accounts.ndjson', ndjson([ACCOUNT, { ...ACCOUNT, source_id: 'T-A2', account_number: '555000000002', bill_cycle_day: 'fifth' }]));
    return importFeeds(b, [accounts]);
  }

  it('opens the report main wrote for the run, named by the run id alone', async () => {
    bench = await openFeedBench();
    const status = await importWithRejection(bench);
    expect(status.reportPath).not.toBeNull();
    const opened = await bench.backend.dispatch('feedImportOpenReport', { runId: status.runId }, APP);
    expect(opened).toEqual({ ok: true, value: {} });
    expect(bench.opened).toEqual([status.reportPath]);
    expect(readFileSync(bench.opened[0]!, 'utf8')).toContain('accounts.ndjson');
  });

  it('refuses a path the renderer sends, an unknown run, and a run without a report, opening nothing', async () => {
    bench = await openFeedBench();
    const clean = await importFeeds(bench, [bench.file('accounts.ndjson', ndjson([ACCOUNT]))]);
    expect(clean.reportPath).toBeNull();
    const withPath = await bench.backend.dispatch('feedImportOpenReport', { runId: clean.runId, path: '/etc/passwd' }, APP);
    expect(withPath).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await bench.backend.dispatch('feedImportOpenReport', { runId: '01HQ0000000000000000000000' }, APP)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await bench.backend.dispatch('feedImportOpenReport', { runId: clean.runId }, APP)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(bench.opened).toEqual([]);
  });

  it('never opens a recorded path outside the reports folder', async () => {
    bench = await openFeedBench();
    const status = await importWithRejection(bench);
    bench.backend.db.prepare('UPDATE import_runs SET report_path = ? WHERE id = ?').run(bench.file('elsewhere.csv', 'x'), status.runId);
    expect(await bench.backend.dispatch('feedImportOpenReport', { runId: status.runId }, APP)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(bench.opened).toEqual([]);
  });

  it('answers with a coded error when the system cannot open the file', async () => {
    bench = await openFeedBench();
    const status = await importWithRejection(bench);
    bench.openFailure = 'No application is associated with the file';
    expect(await bench.backend.dispatch('feedImportOpenReport', { runId: status.runId }, APP)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', details: { reason: 'open_failed' } },
    });
  });
});
