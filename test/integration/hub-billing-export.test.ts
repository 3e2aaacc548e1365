import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { createExportBatch as createDesktopBatch } from '../../electron/main/billing-export/export-service';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { openDatabase } from '../../electron/main/db/open-database';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';

/*
 * The billing export of a desktop enrolled at a hub: the hub makes the batch (PostgreSQL),
 * the desktop saves its file where it saves posting files, and the file is the one a
 * standalone desktop writes for the same credits, byte for byte.
 */
const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));

let site: HubTestSite;
let dir: string;
let desktop: Backend;
let accountIds: number[];
let nextCredit = 1;

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await desktop.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}
async function signIn(username: string) {
  await call('authSignOut', {});
  const answer = await call('authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-billing-export-'));
  site = await startHubTestSite();
  desktop = createBackend({
    dbPath: join(dir, 'desk.sqlite'),
    isTrustedSender: () => true,
    seedDemo: true,
    hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' },
    hubSealer: fakeSealer,
    hubPullIntervalMs: 0,
  });
  await signIn('ada');
  const enrolled = await call('hubEnrol', { code: await site.enrolmentCode(), name: 'billing desk' });
  expect(enrolled.ok).toBe(true);
  await signIn('ada');
  accountIds = (await site.owner.query<{ id: number }>('SELECT id FROM accounts ORDER BY id LIMIT 3')).rows.map((row) => row.id);
  await site.owner.query(`INSERT INTO credit_policies (code, version, rules) VALUES ('sla-basic', 2, '{}')`);
}, 120_000);

afterAll(async () => {
  desktop?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function hubCredit(accountId: number, amountMinor: number): Promise<string> {
  const id = `HC${nextCredit++}`;
  await site.owner.query(
    `INSERT INTO credits (id, account_id, outage_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date, idempotency_key, created_at, policy_id)
     SELECT $1, $2, 1, 'sla-basic', $3, a.currency, 'automatic', 'scheduled', '2026-03-10', '2026-04-12', 'key-' || $1, now(), (SELECT id FROM credit_policies WHERE version = 2)
     FROM accounts a WHERE a.id = $2`,
    [id, accountId, amountMinor],
  );
  return id;
}

describe('an enrolled desktop exports at the hub', () => {
  it('creates, lists and rewrites the hub batch, and saves the file where posting files go', async () => {
    const localBefore = desktop.db.prepare('SELECT count(*) FROM export_batches').pluck().get();
    await hubCredit(accountIds[0]!, 1500);
    await hubCredit(accountIds[1]!, 250);
    const listed = await call('exportListBatches', {});
    expect(listed).toEqual({ ok: true, value: { batches: [], readyToExport: 2 } });

    const created = await call('exportCreateBatch', {});
    if (!created.ok || !created.value.batch || !created.value.path) throw new Error(JSON.stringify(created));
    const { batch, path } = created.value;
    expect(batch).toMatchObject({ batchNumber: 1, creditCount: 2, fileName: 'billing-credits-batch-000001.csv' });
    expect(dirname(path)).toBe(join(dir, 'billing-exports'));
    const bytes = readFileSync(path, 'utf8');
    const hubRow = (await site.owner.query('SELECT sha256, credit_count FROM export_batches WHERE id = 1')).rows[0];
    expect(hubRow).toEqual({ sha256: batch.sha256, credit_count: 2 });
    expect(bytes.split('\r\n')).toHaveLength(4);
    // The desktop's own database made no batch: the hub's series is the site's one.
    expect(desktop.db.prepare('SELECT count(*) FROM export_batches').pluck().get()).toBe(localBefore);

    rmSync(path);
    const rewritten = await call('exportWriteBatch', { batchNumber: 1 });
    expect(rewritten).toEqual({ ok: true, value: { batch, path } });
    expect(readFileSync(path, 'utf8')).toBe(bytes);
    expect(await call('exportListBatches', {})).toEqual({ ok: true, value: { batches: [batch], readyToExport: 0 } });
    expect(await call('exportCreateBatch', {})).toEqual({ ok: true, value: { batch: null, path: null } });
    expect(await call('exportWriteBatch', { batchNumber: 9 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses to number a batch while the hub cannot be reached, and makes none locally', async () => {
    await hubCredit(accountIds[2]!, 75);
    await site.stop();
    try {
      const created = await call('exportCreateBatch', {});
      expect(created).toMatchObject({ ok: false, error: { code: 'HUB_UNAVAILABLE' } });
      expect((await call('exportListBatches', {})).ok).toBe(false);
      expect(desktop.db.prepare('SELECT count(*) FROM export_batches').pluck().get()).toBe(0);
    } finally {
      await site.start();
    }
    expect(Number((await site.owner.query('SELECT count(*) AS n FROM export_batches')).rows[0].n)).toBe(1);
  });
});

interface Case {
  accountNumbers: string[];
  outageSourceIds: string[];
  credits: Array<{ account: number; outage: number; line: boolean; source: 'automatic' | 'override'; amountMinor: number; key: string; reverse: boolean }>;
}

const keyText = fc.stringMatching(/^[A-Za-z0-9|:._-]{1,24}$/);
const caseArb: fc.Arbitrary<Case> = fc.record({
  // Not the demo's 2871... numbers, so a case never collides with an account it does not use.
  accountNumbers: fc.uniqueArray(fc.stringMatching(/^9[0-9]{8,11}$/), { minLength: 3, maxLength: 3 }),
  outageSourceIds: fc.uniqueArray(keyText, { minLength: 2, maxLength: 2 }),
  credits: fc.uniqueArray(
    fc.record({
      account: fc.integer({ min: 0, max: 2 }),
      outage: fc.integer({ min: 0, max: 1 }),
      line: fc.boolean(),
      source: fc.constantFrom('automatic' as const, 'override' as const),
      amountMinor: fc.integer({ min: 0, max: 10_000_000 }),
      key: keyText,
      reverse: fc.boolean(),
    })
      // A credit of nothing has nothing to take back: a reversal line is never zero (desktop CHECK amount_minor > 0).
      .map((credit) => ({ ...credit, reverse: credit.reverse && credit.amountMinor > 0 })),
    { minLength: 1, maxLength: 12, selector: (credit) => credit.key },
  ),
});

/** A standalone desktop's files for the case: the credits' batch, then the batch of their reversal lines. */
function standaloneFiles(c: Case, exportDir: string): string[] {
  const db = openDatabase(':memory:');
  try {
    const now = '2026-03-10T15:00:00.000Z';
    c.accountNumbers.forEach((number, i) => {
      db.prepare(`INSERT INTO accounts (id, source_id, account_number, holder_name, name_fold, brand, segment, payment_type, status,
        bill_cycle_day, currency, monthly_charge_minor, country, region, postal_code, postal_code_norm, updated_at)
        VALUES (?, ?, ?, 'Holder', 'holder', 'att', 'consumer', 'postpaid', 'active', 12, 'USD', 5000, 'US', 'north', '60601', '60601', ?)`).run(i + 1, `A${i}`, number, now);
      db.prepare(`INSERT INTO lines (id, source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
        VALUES (?, ?, ?, ?, 'wireless_voice', 4000, 'active')`).run(i + 1, `L${i}`, i + 1, `+1312555000${i}`);
    });
    c.outageSourceIds.forEach((source, i) =>
      db.prepare(`INSERT INTO outages (id, source_id, title, starts_at, cause, updated_at) VALUES (?, ?, 'Outage', ?, 'equipment', ?)`).run(i + 1, source, now, now),
    );
    db.prepare(`INSERT INTO credit_policies (id, code, version, rules_json) VALUES (1, 'sla-basic', 2, '{}')`).run();
    const credit = db.prepare(`INSERT INTO credits (id, account_id, line_id, outage_id, policy_id, amount_minor, currency, source, status,
      scheduled_on, bill_date, idempotency_key, created_at) VALUES (?, ?, ?, ?, 1, ?, 'USD', ?, 'scheduled', '2026-03-10', '2026-04-12', ?, ?)`);
    c.credits.forEach((x, i) => credit.run(`C${i}`, x.account + 1, x.line ? x.account + 1 : null, x.outage + 1, x.amountMinor, x.source, x.key, now));
    const files = [createDesktopBatch(db, { now: new Date(now), operatorId: null, dir: exportDir })!];
    // A standalone desktop takes an exported credit back with a reversal line (credits/credit-repo.ts).
    const reversal = db.prepare(`INSERT INTO credit_reversals (id, credit_id, amount_minor, currency, idempotency_key, created_at) VALUES (?, ?, ?, 'USD', ?, ?)`);
    c.credits.forEach((x, i) => x.reverse && reversal.run(`R${i}`, `C${i}`, x.amountMinor, `${x.key}|reversal`, now));
    if (c.credits.some((x) => x.reverse)) files.push(createDesktopBatch(db, { now: new Date(now), operatorId: null, dir: exportDir })!);
    return files.map((file) => readFileSync(file.path, 'utf8'));
  } finally {
    db.close();
  }
}

/** The enrolled desktop's files for the case, exported at the hub. */
async function hubFiles(c: Case): Promise<string[]> {
  const q = (sql: string, values: unknown[] = []) => site.owner.query(sql, values);
  await q('TRUNCATE export_lines, export_batch_totals, credit_reversals, credits, export_batches CASCADE');
  // Numbers and source ids unique across runs: clear the last run's before taking this one's.
  await q("UPDATE accounts SET currency = 'USD', account_number = '8' || lpad(id::text, 11, '0') WHERE id = ANY($1)", [accountIds]);
  await q('UPDATE outages SET source_id = NULL WHERE id IN (1, 2)');
  for (const [i, number] of c.accountNumbers.entries()) {
    await q('UPDATE accounts SET account_number = $1 WHERE id = $2', [number, accountIds[i]]);
    await q(`INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
      VALUES ($1, $2, $3, 'wireless_voice', 4000, 'active') ON CONFLICT (source_id) DO NOTHING`, [`PL${i}`, accountIds[i], `+1312555000${i}`]);
  }
  for (const [i, source] of c.outageSourceIds.entries()) await q('UPDATE outages SET source_id = $1 WHERE id = $2', [source, i + 1]);
  for (const [i, x] of c.credits.entries()) {
    await q(
      `INSERT INTO credits (id, account_id, outage_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date,
         idempotency_key, created_at, line_id, policy_id)
       VALUES ($1, $2, $3, 'sla-basic', $4, 'USD', $5, 'scheduled', '2026-03-10', '2026-04-12', $6, now(),
         CASE WHEN $7 THEN (SELECT id FROM lines WHERE source_id = $8) END, (SELECT id FROM credit_policies WHERE code = 'sla-basic' AND version = 2))`,
      [`C${i}`, accountIds[x.account], x.outage + 1, x.amountMinor, x.source, x.key, x.line, `PL${x.account}`],
    );
  }
  const create = async () => {
    const created = await call('exportCreateBatch', {});
    if (!created.ok || !created.value.path) throw new Error(JSON.stringify(created));
    return readFileSync(created.value.path, 'utf8');
  };
  const files = [await create()];
  // An override at the hub marks the exported credit reversed.
  for (const [i, x] of c.credits.entries()) if (x.reverse) await q("UPDATE credits SET status = 'reversed' WHERE id = $1", [`C${i}`]);
  if (c.credits.some((x) => x.reverse)) files.push(await create());
  return files;
}

describe('the hub and a standalone desktop write the same posting file', () => {
  it('for the same credits and reversals, byte for byte', async () => {
    const exportDir = join(dir, 'standalone-exports');
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const standalone = standaloneFiles(c, exportDir);
        const hub = await hubFiles(c);
        expect(hub).toEqual(standalone);
        expect(hub[0]!.split('\r\n')).toHaveLength(c.credits.length + 2);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
