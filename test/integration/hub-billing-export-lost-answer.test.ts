import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';

/*
 * A billing export whose answer is lost after the hub committed the batch: the connection is
 * cut as the answer leaves, or the hub stops right then. The desktop names its request, sends
 * it again under the same id, and saves the batch the hub made, byte for byte; it never gets
 * NOTHING_TO_EXPORT for a batch it has not saved, and the hub never makes a second batch.
 */
const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));

let site: HubTestSite;
let dir: string;
let desktop: Backend;
let accountIds: number[];
let nextCredit = 1;

/** How the next 200 answer of a create leaves: cut at the socket, or cut with the hub stopped. */
let loseNext: 'connection' | 'hub' | null = null;
/** The bodies of the create answers the hub sent (or tried to): what billing would have got the first time. */
const answers: string[] = [];
let creates = 0;

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await desktop.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}
async function signIn(username: string) {
  await call('authSignOut', {});
  const answer = await call('authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-export-lost-'));
  site = await startHubTestSite({
    onBuild: (server) => {
      server.addHook('onSend', async (request, reply, payload) => {
        if (request.method !== 'POST' || request.url !== '/v1/admin/export-batches') return payload;
        creates += 1;
        if (reply.statusCode === 200) answers.push(String(payload));
        const how = loseNext;
        if (how && reply.statusCode === 200) {
          loseNext = null;
          // The handler's transaction has committed: the answer is lost on its way.
          request.raw.socket.destroy();
          if (how === 'hub') void site.stop();
        }
        return payload;
      });
    },
  });
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

async function hubCredit(accountId: number, amountMinor: number): Promise<void> {
  const id = `LC${nextCredit++}`;
  await site.owner.query(
    `INSERT INTO credits (id, account_id, outage_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date, idempotency_key, created_at, policy_id)
     SELECT $1, $2, 1, 'sla-basic', $3, a.currency, 'automatic', 'scheduled', '2026-03-10', '2026-04-12', 'key-' || $1, now(), (SELECT id FROM credit_policies WHERE version = 2)
     FROM accounts a WHERE a.id = $2`,
    [id, accountId, amountMinor],
  );
}
async function hubBatches(): Promise<Array<{ id: number; sha256: string; credit_count: number }>> {
  return (await site.owner.query('SELECT id, sha256, credit_count FROM export_batches ORDER BY id')).rows;
}
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('an export whose answer is lost after the hub committed', () => {
  it('connection cut: the desktop retries the same request by itself and saves the batch the hub made', async () => {
    await hubCredit(accountIds[0]!, 1500);
    await hubCredit(accountIds[1]!, 250);
    loseNext = 'connection';
    const created = await call('exportCreateBatch', {});
    if (!created.ok || !created.value.batch || !created.value.path) throw new Error(JSON.stringify(created));
    expect(creates).toBe(2);
    // One batch at the hub, and the saved file is its file: the bytes of the answer that was lost.
    expect(await hubBatches()).toEqual([{ id: 1, sha256: created.value.batch.sha256, credit_count: 2 }]);
    const bytes = readFileSync(created.value.path, 'utf8');
    expect(sha256(bytes)).toBe(created.value.batch.sha256);
    expect(answers).toHaveLength(2);
    expect(answers[1]).toBe(answers[0]);
    expect(JSON.parse(answers[0]!).content).toBe(bytes);
  });

  it('hub stopped right after the commit: "Export" again once it is back gets that same batch, then the next one', async () => {
    await hubCredit(accountIds[2]!, 75);
    loseNext = 'hub';
    const before = creates;
    const failed = await call('exportCreateBatch', {});
    expect(failed).toMatchObject({ ok: false, error: { code: 'HUB_UNAVAILABLE' } });
    // The hub made batch 2 before it went away; the desktop could not save it.
    expect((await hubBatches()).map((b) => b.id)).toEqual([1, 2]);
    expect(creates).toBe(before + 1);
    await site.start();
    // A credit written meanwhile belongs to the next "Export", not to the lost one.
    await hubCredit(accountIds[0]!, 40);
    const again = await call('exportCreateBatch', {});
    if (!again.ok || !again.value.batch || !again.value.path) throw new Error(JSON.stringify(again));
    expect(again.value.batch).toMatchObject({ batchNumber: 2, creditCount: 1 });
    const bytes = readFileSync(again.value.path, 'utf8');
    expect(bytes).toBe(JSON.parse(answers.at(-2)!).content);
    expect(answers.at(-1)).toBe(answers.at(-2));
    expect(sha256(bytes)).toBe((await hubBatches())[1]!.sha256);
    const next = await call('exportCreateBatch', {});
    expect(next).toMatchObject({ ok: true, value: { batch: { batchNumber: 3, creditCount: 1 } } });
    expect(await call('exportCreateBatch', {})).toEqual({ ok: true, value: { batch: null, path: null } });
    expect((await hubBatches()).map((b) => b.id)).toEqual([1, 2, 3]);
  });
});
