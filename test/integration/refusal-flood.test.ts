import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { verifyAuditChain } from '../../electron/main/audit/audit-log';
import { REFUSAL_WINDOW_MS } from '../../electron/main/ipc/refusal-audit';
import { openDatabase } from '../../electron/main/db/open-database';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
let dir: string;
let dbPath: string;
let nowMs: number;
let backend: Backend;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-refusal-flood-'));
  dbPath = join(dir, 'desk.sqlite');
  nowMs = Date.parse('2024-03-04T15:00:00.000Z');
  backend = createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, isTrustedSender: () => true, clock: () => new Date(nowMs) });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function refusalEvents(db = backend.db) {
  return (db.prepare("SELECT action, after_json FROM audit_events WHERE action LIKE 'override.refus%' ORDER BY seq").all() as Array<{ action: string; after_json: string }>).map(
    (row) => ({ action: row.action, ...(JSON.parse(row.after_json) as Record<string, unknown>) }) as Record<string, unknown>,
  );
}

const refusedCall = () => backend.dispatch('overridesMine', {}, APP);

describe('a signed-out window calling in a loop', () => {
  it('leaves one refusal per minute and a count of its repeats, not a row per call', async () => {
    for (let i = 0; i < 500; i += 1) {
      expect(await refusedCall()).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
      nowMs += 100; // 500 calls over 50 seconds
    }
    expect(refusalEvents()).toEqual([expect.objectContaining({ action: 'override.refused', operation: 'overridesMine', code: 'NOT_SIGNED_IN' })]);

    nowMs += REFUSAL_WINDOW_MS;
    await refusedCall();
    await refusedCall();
    await refusedCall();
    expect(refusalEvents().map((e) => [e.action, e.repeats])).toEqual([
      ['override.refused', undefined],
      ['override.refusals_repeated', 499],
      ['override.refused', undefined],
    ]);

    // Closing records what was counted since: nothing is lost.
    backend.close();
    const db = openDatabase(dbPath);
    try {
      expect(refusalEvents(db).map((e) => [e.action, e.repeats])).toEqual([
        ['override.refused', undefined],
        ['override.refusals_repeated', 499],
        ['override.refused', undefined],
        ['override.refusals_repeated', 2],
      ]);
      expect(verifyAuditChain(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });

  it('still records each different refusal on its own, and every refusal of a signed-in operator', async () => {
    await refusedCall();
    await backend.dispatch('overridesQueue', { status: 'pending' }, APP);
    await backend.dispatch('overridesMine', { unexpected: true }, APP);
    expect((await backend.dispatch('authSignIn', { username: 'alice', password: 'agent-demo-2024' }, APP)).ok).toBe(true);
    await backend.dispatch('overridesQueue', { status: 'pending' }, APP);
    await backend.dispatch('overridesQueue', { status: 'pending' }, APP);
    expect(refusalEvents().map((e) => [e.operation, e.code])).toEqual([
      ['overridesMine', 'NOT_SIGNED_IN'],
      ['overridesQueue', 'NOT_SIGNED_IN'],
      ['overridesMine', 'INVALID_INPUT'],
      ['overridesQueue', 'FORBIDDEN_ROLE'],
      ['overridesQueue', 'FORBIDDEN_ROLE'],
    ]);
    backend.close();
  });
});
