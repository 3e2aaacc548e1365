import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { whileWorkerWrites } from '../../electron/main/db/write-contention';
import { TEST_PASSWORD_COST } from '../support/password-cost';

/*
 * While a worker thread's job (the feed import's writer, the hub snapshot's loader) holds the
 * file's write lock with its own connection, an agent's override filed on the main thread waits
 * for it without stopping the event loop and is written once the lock is free. Before, main's
 * connection waited synchronously for up to 5 s, with the app frozen, then failed.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
let dir: string;
let backend: Backend;
let worker: Database.Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-busy-'));
  const dbPath = join(dir, 'desk.sqlite');
  backend = createBackend({ dbPath, seedDemo: true, isTrustedSender: () => true, passwordCost: TEST_PASSWORD_COST });
  const alice = DEMO_OPERATORS.find((operator) => operator.username === 'alice')!;
  expect(await backend.dispatch('authSignIn', { username: 'alice', password: alice.password }, APP)).toMatchObject({ ok: true });
  // The worker's connection, as write-thread.ts opens one: same file, WAL.
  worker = new Database(dbPath);
  worker.pragma('busy_timeout = 0');
});
afterEach(() => {
  worker?.close();
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

function submit(interactionRef: string) {
  return backend.dispatch(
    'overridesSubmit',
    {
      clientRequestId: crypto.randomUUID(),
      accountNumber: demoAccounts.carlosPena.accountNumber,
      outageId: 1,
      kind: 'goodwill',
      amountMinor: 500,
      reasonCode: 'excluded_segment_goodwill',
      justification: 'Customer lost service for a full day.',
      interactionRef,
    },
    APP,
  );
}

const requests = () => backend.db.prepare('SELECT count(*) FROM override_requests').pluck().get() as number;

describe('main-thread writes while a worker thread holds the write lock', () => {
  it('wait without blocking the event loop and are written once, when the lock is released', async () => {
    const before = requests();
    await whileWorkerWrites(backend.db, async () => {
      worker.exec('BEGIN IMMEDIATE');
      let ticks = 0;
      let longest = 0;
      let last = performance.now();
      const probe = setInterval(() => {
        const at = performance.now();
        longest = Math.max(longest, at - last);
        last = at;
        ticks += 1;
      }, 5);
      // The worker's long step (an index rebuild) ends 400 ms later: a timer on this same thread,
      // so it can fire only if the waiting write leaves the event loop free.
      const released = new Promise<void>((resolve) =>
        setTimeout(() => {
          worker.exec('COMMIT');
          resolve();
        }, 400),
      );
      const answer = await submit('CALL-BUSY');
      clearInterval(probe);
      await released;
      expect(answer).toMatchObject({ ok: true });
      expect(ticks).toBeGreaterThan(10);
      // Each try waits at most 20 ms for the lock: nowhere near the 5 s busy timeout.
      expect(longest).toBeLessThan(1_000);
    });
    expect(requests()).toBe(before + 1);
    // After the job the connection waits as long as before for a lock.
    expect(backend.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});
