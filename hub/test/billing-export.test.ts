import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialisePostingFile, type PostingRow } from '@shared/billing/posting-file';
import { verifyAuditChain } from '../src/audit/audit-repo';
import { readExportBatchFile } from '../src/billing-export/export-service';
import { bearer, signIn, startHubFixture, type HubFixture, type OperatorName } from './hub-fixture';

let fixture: HubFixture;
const tokens = new Map<OperatorName, string>();
let nextCredit = 1;

beforeAll(async () => {
  fixture = await startHubFixture({ changeFeed: { head: () => 0, subscribe: () => () => undefined } });
  for (const who of ['alice', 'sam', 'ada'] as const) tokens.set(who, (await signIn(fixture, who)).token);
  await fixture.owner.query("UPDATE outages SET source_id = 'OUT-' || id");
  await fixture.owner.query(`INSERT INTO credit_policies (code, version, rules) VALUES ('sla-basic', 1, '{}'), ('sla-basic', 2, '{}')`);
  await fixture.owner.query(`INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
    SELECT 'L-' || id, id, '+1312555' || lpad(id::text, 4, '0'), 'wireless_voice', 4000, 'active' FROM accounts`);
});
afterAll(async () => {
  await fixture?.close();
});

interface NewCredit {
  account?: number;
  outage?: number;
  amountMinor?: number;
  status?: 'pending' | 'scheduled' | 'posted' | 'reversed';
  withLine?: boolean;
  source?: 'automatic' | 'override';
}

/** Writes credits behind the hub's back, as a policy run or a decision would have. */
async function insertCredits(...credits: NewCredit[]): Promise<string[]> {
  const ids: string[] = [];
  for (const credit of credits) {
    const id = `C${String(nextCredit++).padStart(6, '0')}`;
    const account = credit.account ?? 1;
    await fixture.owner.query(
      `INSERT INTO credits (id, account_id, outage_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date,
         idempotency_key, created_at, line_id, policy_id)
       VALUES ($1, $2, $3, 'sla-basic', $4, 'USD', $5, $6, '2026-03-10', '2026-04-12', $7, now(),
         CASE WHEN $8 THEN (SELECT id FROM lines WHERE account_id = $2) END,
         CASE WHEN $5 = 'automatic' THEN (SELECT id FROM credit_policies WHERE code = 'sla-basic' AND version = 2) END)`,
      [id, account, credit.outage ?? 1, credit.amountMinor ?? 500, credit.source ?? 'automatic', credit.status ?? 'scheduled', `key-${id}`, credit.withLine ?? false],
    );
    ids.push(id);
  }
  return ids;
}

function create(who: OperatorName = 'ada', requestId?: string) {
  return fixture.hub.inject({ method: 'POST', url: '/v1/admin/export-batches', headers: bearer(tokens.get(who)!), payload: requestId === undefined ? {} : { requestId } });
}
function fetchFile(batchNumber: number, who: OperatorName = 'ada', fromLine?: number) {
  const query = `batchNumber=${batchNumber}${fromLine === undefined ? '' : `&fromLine=${fromLine}`}`;
  return fixture.hub.inject({ method: 'GET', url: `/v1/admin/export-batches/file?${query}`, headers: bearer(tokens.get(who)!) });
}
function list(who: OperatorName = 'ada') {
  return fixture.hub.inject({ method: 'GET', url: '/v1/admin/export-batches', headers: bearer(tokens.get(who)!) });
}
async function count(sql: string): Promise<number> {
  return Number((await fixture.owner.query<{ n: string }>(sql)).rows[0]!.n);
}
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('billing export at the hub', () => {
  it('answers NOTHING_TO_EXPORT and writes nothing when no credit is waiting', async () => {
    await insertCredits({ status: 'pending' }, { status: 'reversed' });
    const audit = await count('SELECT count(*) AS n FROM audit_events');
    const response = await create();
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ error: { code: 'NOTHING_TO_EXPORT' } });
    expect(await count('SELECT count(*) AS n FROM export_batches')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM credits WHERE exported_batch_id IS NOT NULL')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM audit_events')).toBe(audit);
    await expect(list().then((r) => r.json())).resolves.toEqual({ batches: [], readyToExport: 0 });
  });

  it('refuses agents and supervisors on every export route, and makes no batch for them', async () => {
    await insertCredits({});
    for (const who of ['alice', 'sam'] as const) {
      for (const response of [await create(who), await list(who), await fetchFile(1, who)]) {
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN_ROLE');
      }
    }
    expect(await count('SELECT count(*) AS n FROM export_batches')).toBe(0);
  });

  it('numbers a batch of every scheduled credit, in the desktop format, and gives the same bytes every time', async () => {
    await insertCredits({ account: 2, withLine: true, amountMinor: 1250 }, { account: 3, outage: 2, source: 'override', amountMinor: 700 }, { account: 1, status: 'posted' });
    const ready = (await list()).json().readyToExport;
    expect(ready).toBe(3); // the scheduled credit of the role test and these two; the posted one is billing's already
    const response = await create();
    expect(response.statusCode).toBe(200);
    const { batch, content } = response.json();
    expect(batch).toMatchObject({ batchNumber: 1, creditCount: 3, fileName: 'billing-credits-batch-000001.csv', totals: [{ currency: 'USD', amountMinor: 2450 }] });
    expect(batch.sha256).toBe(sha256(content));
    const lines = content.split('\r\n');
    expect(lines[0]).toBe('batch_number,account_number,line_number,amount_minor,currency,reason,outage_source_id,policy_code,policy_version,idempotency_key,bill_date');
    expect(lines.slice(1, -1)).toEqual([
      '1,287100000001,,500,USD,outage_credit,OUT-1,sla-basic,2,key-C000003,2026-04-12',
      '1,287100000002,+13125550002,1250,USD,outage_credit,OUT-1,sla-basic,2,key-C000004,2026-04-12',
      '1,287100000003,,700,USD,override,OUT-2,sla-basic,2,key-C000005,2026-04-12',
    ]);
    expect(lines.at(-1)).toBe('');
    expect(response.json().nextLine).toBeNull();
    // A page from line 2: the records without the header.
    const tail = (await fetchFile(1, 'ada', 2)).json();
    expect(tail).toEqual({ batch, content: lines.slice(2).join('\r\n'), nextLine: null });
    expect((await fetchFile(1, 'ada', 4)).json().error.code).toBe('INVALID_INPUT');
    // In pages of one line, the pages one after the other are the file.
    const pages: string[] = [];
    for (let from: number | null = 1; from !== null; ) {
      const part = await readExportBatchFile(fixture.pool, 1, from, 1);
      pages.push(part.content);
      from = part.nextLine;
    }
    expect(pages).toHaveLength(3);
    expect(pages.join('')).toBe(content);
    // Later feeds change what the lines were made from: batch 1 stays what billing received.
    await fixture.owner.query("UPDATE accounts SET account_number = '287199999999' WHERE id = 2");
    await fixture.owner.query("INSERT INTO credit_policies (code, version, rules) VALUES ('sla-basic', 3, '{}')");
    for (let again = 0; again < 3; again++) {
      const refetched = await fetchFile(1);
      expect(refetched.statusCode).toBe(200);
      expect(refetched.json().content).toBe(content);
      expect(refetched.json().batch).toEqual(batch);
    }
    await fixture.owner.query("UPDATE accounts SET account_number = '287100000002' WHERE id = 2");
    const audit = await fixture.owner.query("SELECT operator_id, target, after_json FROM audit_events WHERE action = 'billing_export.created'");
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].target).toBe('export_batch:1');
    expect(JSON.parse(audit.rows[0].after_json)).toMatchObject({ lines: 3, sha256: batch.sha256, totals: [{ currency: 'USD', amountMinor: 2450 }] });
    expect(await verifyAuditChain(fixture.owner)).toMatchObject({ ok: true });
    expect((await create()).json()).toEqual({ error: { code: 'NOTHING_TO_EXPORT' } });
  });

  it('writes the bytes the shared serialiser writes for the same lines (the desktop writes with it too)', async () => {
    const [id] = await insertCredits({ account: 3, withLine: true, amountMinor: 99 });
    await fixture.owner.query("INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref, requested_by, client_request_id, status, created_at, credit_id) VALUES ('R1', 3, 2, 'goodwill', 300, 'USD', 'service_recovery', 'j', 'CALL-1', (SELECT id FROM operators WHERE username = 'alice'), gen_random_uuid(), 'approved', now(), 'x')");
    const [override] = await insertCredits({ account: 3, outage: 2, source: 'override', amountMinor: 300 });
    await fixture.owner.query("UPDATE credits SET override_request_id = 'R1' WHERE id = $1", [override]);
    const { batch, content } = (await create()).json();
    const rows: PostingRow[] = [
      { accountNumber: '287100000003', lineNumber: '+13125550003', amountMinor: 99, currency: 'USD', source: 'automatic', overrideReason: null, outageSourceId: 'OUT-1', policyCode: 'sla-basic', policyVersion: 2, idempotencyKey: `key-${id}`, billDate: '2026-04-12' },
      { accountNumber: '287100000003', lineNumber: null, amountMinor: 300, currency: 'USD', source: 'override', overrideReason: 'service_recovery', outageSourceId: 'OUT-2', policyCode: 'sla-basic', policyVersion: 3, idempotencyKey: `key-${override}`, billDate: '2026-04-12' },
    ];
    // Order: account, then line ('' before '+1...'), as the desktop's query sorts.
    expect(content).toBe(serialisePostingFile(batch.batchNumber, [rows[1]!, rows[0]!]).content);
  });

  it('sends the reversal of an exported credit as its own line in a later batch, once', async () => {
    const [id] = await insertCredits({ account: 2, amountMinor: 800 });
    const first = (await create()).json();
    expect(first.batch.creditCount).toBe(1);
    // An override reverses it after billing got it (the hub marks the credit reversed).
    await fixture.owner.query("UPDATE credits SET status = 'reversed', version = version + 1 WHERE id = $1", [id]);
    await insertCredits({ account: 1, amountMinor: 40 });
    expect((await list()).json().readyToExport).toBe(2);
    const second = (await create()).json();
    expect(second.batch).toMatchObject({ batchNumber: first.batch.batchNumber + 1, creditCount: 2, totals: [{ currency: 'USD', amountMinor: 40 - 800 }] });
    const lines = second.content.split('\r\n').slice(1, -1);
    expect(lines).toContain(`${second.batch.batchNumber},287100000002,,-800,USD,reversal,OUT-1,sla-basic,2,key-${id}|reversal,`);
    expect(lines.filter((line: string) => line.includes('reversal'))).toHaveLength(1);
    expect((await create()).json().error.code).toBe('NOTHING_TO_EXPORT');
    expect(await count(`SELECT count(*) AS n FROM export_lines WHERE credit_id = '${id}'`)).toBe(2);
    // The exported credit itself never moves to another batch.
    await expect(fixture.owner.query('UPDATE credits SET exported_batch_id = NULL WHERE id = $1', [id])).rejects.toThrow(/cannot change/);
  });

  it('posts a revision claw-back as a negative line, and its reversal as a positive one', async () => {
    await fixture.owner.query(`INSERT INTO credits (id, account_id, outage_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date,
        idempotency_key, created_at, adjustment_reason, outage_revision)
      VALUES ('CB1', 1, 1, 'sla-basic', -300, 'USD', 'automatic', 'scheduled', '2026-03-10', '2026-04-12', 'key-CB1|rev:2', now(), 'outage_revised', 2)`);
    const first = (await create()).json();
    expect(first.content).toContain(',287100000001,,-300,USD,outage_credit,OUT-1,sla-basic,3,key-CB1|rev:2,2026-04-12\r\n');
    await fixture.owner.query("UPDATE credits SET status = 'reversed' WHERE id = 'CB1'");
    const second = (await create()).json();
    expect(second.batch.totals).toEqual([{ currency: 'USD', amountMinor: 300 }]);
    expect(second.content).toContain(',287100000001,,300,USD,reversal,OUT-1,sla-basic,3,key-CB1|rev:2|reversal,\r\n');
  });

  it('lists batches newest first with their per-currency totals', async () => {
    await fixture.owner.query("UPDATE accounts SET currency = 'EUR' WHERE id = 3");
    await insertCredits({ account: 1, amountMinor: 10 });
    await fixture.owner.query(`INSERT INTO credits (id, account_id, outage_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date, idempotency_key, created_at)
      VALUES ('E1', 3, 2, 'sla-basic', 25, 'EUR', 'automatic', 'scheduled', '2026-03-10', '2026-04-05', 'key-E1', now())`);
    const made = (await create()).json().batch;
    expect(made.totals).toEqual([{ currency: 'EUR', amountMinor: 25 }, { currency: 'USD', amountMinor: 10 }]);
    const { batches, readyToExport } = (await list()).json();
    expect(readyToExport).toBe(0);
    expect(batches[0]).toEqual(made);
    expect(batches.map((b: { batchNumber: number }) => b.batchNumber)).toEqual([...Array(made.batchNumber).keys()].map((i) => made.batchNumber - i));
    expect((await fetchFile(made.batchNumber + 1)).json().error.code).toBe('NOT_FOUND');
  });

  it('two admins creating at once: the second waits for the first to commit, finds nothing left, and no credit is in both', async () => {
    const ids = await insertCredits(...Array.from({ length: 40 }, (_, i) => ({ account: (i % 3) + 1, amountMinor: i + 1 })));
    const [a, b] = await Promise.all([create(), create()]);
    const ok = [a, b].filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    expect([a, b].find((r) => r.statusCode !== 200)!.json().error.code).toBe('NOTHING_TO_EXPORT');
    expect(ok[0]!.json().batch.creditCount).toBe(40);
    expect(await count(`SELECT count(DISTINCT exported_batch_id) AS n FROM credits WHERE id = ANY('{${ids.join(',')}}')`)).toBe(1);
  });

  it('answers a request id that already made a batch with that batch, byte for byte, and writes nothing', async () => {
    const requestId = 'desk-7f3c1a2b-0001';
    await insertCredits({ account: 1, amountMinor: 310 }, { account: 2, amountMinor: 420 });
    const first = await create('ada', requestId);
    expect(first.statusCode).toBe(200);
    const made = first.json();
    expect(made.batch.sha256).toBe(sha256(made.content));
    const state = async () => ({
      batches: await count('SELECT count(*) AS n FROM export_batches'),
      lines: await count('SELECT count(*) AS n FROM export_lines'),
      audit: await count('SELECT count(*) AS n FROM audit_events'),
      log: await count('SELECT count(*) AS n FROM change_log'),
    });
    const before = await state();
    // New credits since: a retry of the same request still answers with its own batch, not a new one.
    const [later] = await insertCredits({ account: 3, amountMinor: 530 });
    for (let retry = 0; retry < 2; retry++) {
      const again = await create('ada', requestId);
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
    }
    expect(await state()).toEqual(before);
    expect(await count(`SELECT count(*) AS n FROM credits WHERE id = '${later}' AND exported_batch_id IS NULL`)).toBe(1);
    // Another request id is another "Export": it takes the new credit into the next batch.
    const next = (await create('ada', 'desk-7f3c1a2b-0002')).json();
    expect(next.batch).toMatchObject({ batchNumber: made.batch.batchNumber + 1, creditCount: 1 });
    // A request id that made nothing (NOTHING_TO_EXPORT) stays free and stores nothing.
    expect((await create('ada', 'desk-7f3c1a2b-0003')).json().error.code).toBe('NOTHING_TO_EXPORT');
    expect(await count(`SELECT count(*) AS n FROM export_batches WHERE client_request_id = 'desk-7f3c1a2b-0003'`)).toBe(0);
    expect((await create('ada', requestId)).body).toBe(first.body);
  });

  it('refuses a malformed request id with INVALID_INPUT and makes no batch', async () => {
    await insertCredits({ account: 1, amountMinor: 99 });
    const batches = await count('SELECT count(*) AS n FROM export_batches');
    for (const requestId of ['short', 'has space in it 12345', 'x'.repeat(65), "quote'0000000000000"]) {
      const response = await create('ada', requestId);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
    }
    expect(await count('SELECT count(*) AS n FROM export_batches')).toBe(batches);
  });

  it('a retry sent while the first request still runs waits for it and gets its batch, never a second one', async () => {
    await insertCredits(...Array.from({ length: 30 }, (_, i) => ({ account: (i % 3) + 1, amountMinor: 1000 + i })));
    const batches = await count('SELECT count(*) AS n FROM export_batches');
    const [a, b] = await Promise.all([create('ada', 'desk-concurrent-0001'), create('ada', 'desk-concurrent-0001')]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.body).toBe(b.body);
    expect(await count('SELECT count(*) AS n FROM export_batches')).toBe(batches + 1);
  });
});

describe('every credit in exactly one batch', () => {
  type Step = { kind: 'credits'; n: number; pending: boolean } | { kind: 'create' } | { kind: 'reverse'; pick: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('credits' as const), n: fc.integer({ min: 1, max: 4 }), pending: fc.boolean() }),
    fc.constant({ kind: 'create' as const }),
    fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
  );

  async function run(current: Step): Promise<void> {
    if (current.kind === 'credits') {
      await insertCredits(...Array.from({ length: current.n }, (_, i) => ({ account: (i % 3) + 1, status: current.pending && i === 0 ? ('pending' as const) : ('scheduled' as const) })));
    } else if (current.kind === 'create') {
      const response = await create();
      expect([200, 409]).toContain(response.statusCode);
    } else {
      const { rows } = await fixture.owner.query<{ id: string }>("SELECT id FROM credits WHERE status <> 'reversed' ORDER BY id");
      if (rows.length > 0) await fixture.owner.query("UPDATE credits SET status = 'reversed' WHERE id = $1", [rows[current.pick % rows.length]!.id]);
    }
  }

  it('holds for random interleavings of credit writes, reversals and concurrent batch creations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), async (rounds) => {
        // Each round's steps run at once: their transactions interleave at the database.
        for (const round of rounds) await Promise.all(round.map(run));
        // Drain: what is left goes out (a reversal of a credit exported in the first drain goes in the second).
        await create();
        await create();
        expect(await count("SELECT count(*) AS n FROM credits WHERE status = 'scheduled' AND exported_batch_id IS NULL")).toBe(0);
        // Every exported credit is in export_lines once, in its own batch; every credit line is an exported credit.
        expect(await count(`SELECT count(*) AS n FROM credits c WHERE c.exported_batch_id IS NOT NULL AND
          (SELECT count(*) FROM export_lines e WHERE e.credit_id = c.id AND e.kind = 'credit' AND e.batch_id = c.exported_batch_id) <> 1`)).toBe(0);
        expect(await count("SELECT count(*) AS n FROM export_lines e JOIN credits c ON c.id = e.credit_id WHERE e.kind = 'credit' AND c.exported_batch_id IS DISTINCT FROM e.batch_id")).toBe(0);
        // Every exported credit reversed since has exactly one reversal line, in a later batch.
        expect(await count(`SELECT count(*) AS n FROM credits c WHERE c.exported_batch_id IS NOT NULL AND c.status = 'reversed' AND
          (SELECT count(*) FROM export_lines e WHERE e.credit_id = c.id AND e.kind = 'reversal' AND e.batch_id > c.exported_batch_id) <> 1`)).toBe(0);
        expect(await count("SELECT count(*) AS n FROM export_lines e JOIN credits c ON c.id = e.credit_id WHERE e.kind = 'reversal' AND c.status <> 'reversed'")).toBe(0);
        // Numbers 1..N without a gap, each file hashing to its record.
        const batches = (await list()).json().batches as Array<{ batchNumber: number; sha256: string; creditCount: number }>;
        expect(batches.map((b) => b.batchNumber)).toEqual(batches.map((_, i) => batches.length - i));
        for (const batch of batches.slice(0, 3)) {
          const file = (await fetchFile(batch.batchNumber)).json();
          expect(sha256(file.content)).toBe(batch.sha256);
          expect(file.content.split('\r\n').length - 2).toBe(batch.creditCount);
        }
      }),
      { numRuns: 25 },
    );
    expect(await verifyAuditChain(fixture.owner)).toMatchObject({ ok: true });
  });
});
