import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { TEST_PASSWORD_COST } from '../support/password-cost';

/*
 * changesNext through the real dispatcher on a standalone desktop: it answers the version at
 * once for null, waits while nothing changes, and wakes when a local use case writes.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
let dir: string;
let backend: Backend;

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await backend.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function versionNow(): Promise<number> {
  const answer = await call('changesNext', { afterVersion: null });
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value.version;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-live-'));
  backend = createBackend({
    passwordCost: TEST_PASSWORD_COST,
    dbPath: join(dir, 'desk.sqlite'),
    seedDemo: true,
    clock: () => new Date('2024-03-04T15:00:00.000Z'),
    isTrustedSender: () => true,
    changesWaitMs: 300,
  });
});

afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('changesNext on a standalone desktop', () => {
  it('answers the current version at once for null, and says the desktop works alone', async () => {
    expect(await call('changesNext', { afterVersion: null })).toEqual({ ok: true, value: { version: 0, hub: 'standalone' } });
  });

  it('waits while nothing changes and answers the same version when the wait is over', async () => {
    const started = Date.now();
    expect(await call('changesNext', { afterVersion: 0 })).toEqual({ ok: true, value: { version: 0, hub: 'standalone' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('wakes a waiting caller when an agent files a request, and not for a refused one', async () => {
    expect((await call('authSignIn', { username: 'alice', password: 'agent-demo-2024' })).ok).toBe(true);
    const before = await versionNow();
    const waiting = call('changesNext', { afterVersion: before });
    const input: ChannelInput<'overridesSubmit'> = {
      clientRequestId: crypto.randomUUID(),
      accountNumber: demoAccounts.carlosPena.accountNumber,
      outageId: 1,
      kind: 'goodwill',
      amountMinor: 500,
      reasonCode: 'excluded_segment_goodwill',
      justification: 'Prepaid customer, no service for 12 hours.',
      interactionRef: 'CALL-1',
    };
    const filed = await call('overridesSubmit', input);
    expect(filed.ok).toBe(true);
    expect(await waiting).toEqual({ ok: true, value: { version: before + 1, hub: 'standalone' } });
    // A second request for the same account and outage is refused: nothing changed, nothing moves.
    expect((await call('overridesSubmit', { ...input, clientRequestId: crypto.randomUUID() })).ok).toBe(false);
    expect(await versionNow()).toBe(before + 1);
  });
});
