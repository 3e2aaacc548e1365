import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../electron/main/app/create-backend';
import { appendAudit } from '../../electron/main/audit/audit-log';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
let dir: string;
let dbPath: string;

function backend() {
  return createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, clock: () => new Date('2024-03-04T15:00:00.000Z'), isTrustedSender: () => true });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-audit-start-'));
  dbPath = join(dir, 'desk.sqlite');
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit chain at start and on demand', () => {
  it('reports a chain broken outside the app at start and through auditVerify', async () => {
    const first = backend();
    first.db.transaction(() => {
      for (let i = 0; i < 3; i++) {
        appendAudit(first.db, { operatorId: null, action: 'test.event', target: `t:${i}`, before: null, after: { i }, at: new Date() });
      }
    })();
    expect(first.auditChainAtStart).toEqual({ ok: true, count: 0 });
    first.close();

    const raw = new Database(dbPath);
    raw.exec('DROP TRIGGER audit_events_no_update');
    raw.prepare("UPDATE audit_events SET target = 't:forged' WHERE seq = 2").run();
    raw.exec("CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END");
    raw.close();

    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = backend();
    expect(second.auditChainAtStart).toEqual({ ok: false, count: 3, brokenAtSeq: 2, reason: 'hash_mismatch' });
    expect(logged).toHaveBeenCalledWith('Audit chain broken at start', expect.objectContaining({ brokenAtSeq: 2 }));
    await second.auth.signIn('sam', 'supervisor-demo-2024');
    // The sign-in is the fourth event; the chain is still reported broken where it was.
    expect(await second.dispatch('auditVerify', {}, APP)).toEqual({
      ok: true,
      value: { ok: false, count: 4, brokenAtSeq: 2, reason: 'hash_mismatch' },
    });
    second.close();
  });
});
