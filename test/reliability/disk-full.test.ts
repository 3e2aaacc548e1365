import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/app/create-backend';
import { verifyAuditChain } from '../../electron/main/audit/audit-log';
import { openDatabase } from '../../electron/main/db/open-database';
import { integrityCheck } from '../../electron/main/recovery/db-health-repo';
import { runTs } from './child-process';
import { TEST_PASSWORD_COST } from '../support/password-cost';

interface RunnerReport {
  ballastError: string | null;
  result: { ok: boolean; error?: { code: string } };
  before: Record<string, number>;
  after: Record<string, number>;
  clientRequestId: string;
  internal: string[];
}

let dir: string;
let dbPath: string;
let report: RunnerReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-diskfull-'));
  dbPath = join(dir, 'desk.sqlite');
  createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, isTrustedSender: () => false }).close();
  // Room for about 1 MB of WAL: bash counts ulimit -f in 1024-byte blocks.
  const limitBlocks = Math.ceil(statSync(dbPath).size / 1024) + 1024;
  // SIGXFSZ would kill the process outright; ignored, the write fails with EFBIG as on a full disk.
  const child = runTs(resolve(__dirname, 'fixtures/disk-full-runner.ts'), [dbPath], { shellPrefix: `trap '' XFSZ; ulimit -f ${limitBlocks}` });
  const exit = await child.exited;
  expect(exit, child.stderr.join('')).toEqual({ code: 0, signal: null });
  report = JSON.parse(child.acks[0]!) as RunnerReport;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('disk full (file size limit lowered with ulimit -f)', () => {
  it('makes SQLite refuse the write that crosses the limit', () => {
    expect(report.ballastError).toMatch(/^SQLITE_(FULL|IOERR)/);
  });

  it('answers the use case with the coded STORAGE_FULL error, not INTERNAL', () => {
    expect(report.result).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    expect(report.internal).toEqual([]);
  });

  it('leaves nothing of the failed transaction behind', () => {
    expect(report.after).toEqual(report.before);
    const db = openDatabase(dbPath);
    try {
      const filed = db.prepare("SELECT count(*) FROM audit_events WHERE after_json LIKE '%' || ? || '%'").pluck().get(report.clientRequestId);
      expect(filed).toBe(0);
      expect(db.prepare('SELECT count(*) FROM override_requests').pluck().get()).toBe(report.before.override_requests);
    } finally {
      db.close();
    }
  });

  it('leaves a database that passes integrity_check and whose audit chain verifies', () => {
    const db = openDatabase(dbPath);
    try {
      expect(integrityCheck(db)).toEqual({ ok: true, problems: [] });
      expect(verifyAuditChain(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });
});
