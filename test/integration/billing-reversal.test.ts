import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MoneyOverrideKind } from '@shared/domain/override';
import { createExportBatch } from '../../electron/main/billing-export/export-service';
import { createOverrideTestBackend, outageIdBySource, removeTemplate, START_MS, type OverrideTestBackend } from './override-test-backend';

const CARLOS = '287100000002'; // AT&T Prepaid: no automatic credit for the February 2024 outage.
const DAY_MS = 86_400_000;
let b: OverrideTestBackend;
let outageId: number;
let exportDir: string;

beforeEach(() => {
  b = createOverrideTestBackend();
  outageId = outageIdBySource(b.db, 'att-2024-02-22-nationwide');
  exportDir = mkdtempSync(join(tmpdir(), 'ocd-reversal-export-'));
});
afterEach(() => {
  b.close();
  rmSync(exportDir, { recursive: true, force: true });
});
afterAll(() => removeTemplate());

/** Alice files, Sam decides: one approved override, or the refusal's reason. */
async function approved(kind: MoneyOverrideKind, amountMinor: number): Promise<string> {
  b.signInAs('alice');
  const filed = await b.call('overridesSubmit', {
    clientRequestId: randomUUID(),
    accountNumber: CARLOS,
    outageId,
    kind,
    amountMinor,
    reasonCode: kind === 'goodwill' ? 'excluded_segment_goodwill' : 'duplicate_correction',
    justification: 'Prepaid customer without service for twelve hours on 22 Feb.',
    interactionRef: 'CALL-7781',
  });
  if (!filed.ok) return String(filed.error.details?.reason);
  b.signInAs('sam');
  const decided = await b.call('overridesDecide', { requestId: filed.value.id, version: filed.value.version, decision: 'approve', note: 'ok' });
  return decided.ok ? 'approved' : String(decided.error.details?.reason);
}

function liveCreditedMinor(): number {
  return b.db
    .prepare(
      `SELECT coalesce(sum(c.amount_minor), 0) FROM credits c JOIN accounts a ON a.id = c.account_id
       WHERE a.account_number = ? AND c.outage_id = ? AND c.status <> 'reversed'
         AND NOT EXISTS (SELECT 1 FROM credit_reversals r WHERE r.credit_id = c.id)`,
    )
    .pluck()
    .get(CARLOS, outageId) as number;
}

function exportNow(): void {
  createExportBatch(b.db, { now: b.now(), operatorId: b.operators.ada.operatorId, dir: exportDir });
}

/** What billing has received for Carlos: every line of every posting file written. */
function billedMinor(): number {
  let sum = 0;
  for (const file of readdirSync(exportDir)) {
    const [header, ...lines] = readFileSync(join(exportDir, file), 'utf8').trim().split('\r\n');
    const column = header!.split(',');
    for (const line of lines) {
      const cells = line.split(',');
      if (cells[column.indexOf('account_number')] === CARLOS) sum += Number(cells[column.indexOf('amount_minor')]);
    }
  }
  return sum;
}

describe('a credit billing already has', () => {
  it('is taken back by a reversal line in the next batch when an override adjusts it', async () => {
    expect(await approved('goodwill', 4_000)).toBe('approved');
    exportNow();
    expect(billedMinor()).toBe(4_000);
    b.setNow(START_MS + DAY_MS);
    expect(await approved('adjust', 5_000)).toBe('approved');
    exportNow();
    // 40.00, then -40.00 and 50.00: billing holds 50.00, which is what is owed.
    expect(billedMinor()).toBe(5_000);
    expect(liveCreditedMinor()).toBe(5_000);
    const second = readFileSync(join(exportDir, 'billing-credits-batch-000002.csv'), 'utf8');
    expect(second).toMatch(/,-4000,USD,reversal,att-2024-02-22-nationwide,[^,]*,\d+,[^,]*\|reversal,\r\n/);
  });

  it('keeps its amount and status: the database refuses to change them', async () => {
    expect(await approved('goodwill', 1_500)).toBe('approved');
    exportNow();
    const id = b.db.prepare('SELECT id FROM credits WHERE exported_batch_id IS NOT NULL').pluck().get() as string;
    expect(() => b.db.prepare(`UPDATE credits SET status = 'reversed' WHERE id = ?`).run(id)).toThrow(/exported credit cannot change/);
    expect(() => b.db.prepare('UPDATE credits SET amount_minor = 1 WHERE id = ?').run(id)).toThrow(/exported credit cannot change/);
  });

  it('is taken back by a reversal, which billing receives as a negative line, and then reads as reversed', async () => {
    expect(await approved('goodwill', 2_500)).toBe('approved');
    exportNow();
    b.setNow(START_MS + DAY_MS);
    expect(await approved('reverse', 2_500)).toBe('approved');
    exportNow();
    expect(billedMinor()).toBe(0);
    b.signInAs('alice');
    const mine = await b.call('overridesMine', {});
    expect(mine.ok && mine.value.find((r) => r.kind === 'goodwill')?.creditStatus).toBe('reversed');
  });
});

describe('what billing receives', () => {
  it('always adds up to what the database says is owed, for any sequence of overrides and exports', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constantFrom<MoneyOverrideKind>('goodwill', 'adjust'), amountMinor: fc.integer({ min: 1, max: 5_000 }) }),
      fc.constant({ kind: 'reverse' as const, amountMinor: 0 }),
      fc.constant({ kind: 'export' as const, amountMinor: 0 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        b.close();
        rmSync(exportDir, { recursive: true, force: true });
        b = createOverrideTestBackend();
        exportDir = mkdtempSync(join(tmpdir(), 'ocd-reversal-export-'));
        let day = 0;
        for (const s of steps) {
          b.setNow(START_MS + day++ * DAY_MS);
          if (s.kind === 'export') exportNow();
          else await approved(s.kind, s.kind === 'reverse' ? Math.max(liveCreditedMinor(), 1) : s.amountMinor);
        }
        exportNow();
        expect(billedMinor()).toBe(liveCreditedMinor());
      }),
      { numRuns: 25 },
    );
  });
});
