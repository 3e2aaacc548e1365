import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelName } from '@shared/ipc/channels';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { refusalsAudited } from '../../electron/main/ipc/refusal-audit';
import type { SenderInfo } from '../../electron/main/window/sender-info';
import { appOrigins, isTrustedSender } from '../../electron/main/window/is-trusted-sender';
import { hashDbContent, snapshotDb, type DbSnapshot } from './db-snapshot';
import { TEST_PASSWORD_COST } from '../support/password-cost';
import { CHANNEL_HINTS } from './channel-hints';
import { arbitraryFor } from './zod-arbitrary';

const APP: SenderInfo = { url: 'app://desk/index.html', isAppTopFrame: true };
const RUNS = 150;
/**
 * A refused call from the app's own window on an override or audit channel is recorded as one
 * audit event (code and field paths only). That single appended row is the only change allowed.
 */
const AUDIT_TABLE = 'audit_events';

let dir: string;
let backend: Backend;
let contentBefore: string;
const internalErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-fuzz-'));
  const origins = appOrigins();
  backend = createBackend({
    passwordCost: TEST_PASSWORD_COST,
    dbPath: join(dir, 'desk.sqlite'),
    seedDemo: true,
    clock: () => new Date('2024-03-04T15:00:00.000Z'),
    isTrustedSender: (sender) => isTrustedSender(sender, origins),
    onInternalError: (channel) => internalErrors.push(channel),
  });
  // Signed in as admin so that role checks pass and only sender and input checks stand in the way.
  const signedIn = await backend.dispatch('authSignIn', { username: 'ada', password: 'admin-demo-2024' }, APP);
  expect(signedIn.ok).toBe(true);
  contentBefore = hashDbContent(backend.db, { except: [AUDIT_TABLE] });
});

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Payloads from anything at all to near-misses of real inputs (extra keys, wrong types). */
const payload = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
  fc.dictionary(fc.constantFrom('query', 'limit', 'accountNumber', 'username', 'password', '__proto__', 'constructor', 'x'), fc.anything()),
  fc.constantFrom(
    { __proto__: { isAdmin: true } },
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    { query: 'a'.repeat(10_000) },
    { accountNumber: "1' OR 1=1 --" },
    { username: 'ada', password: 'admin-demo-2024', role: 'admin' },
    { limit: 1e308 },
    null,
    undefined,
  ),
);

const evilUrl = fc.oneof(
  fc.constantFrom(
    'app://desk.evil/index.html',
    'app://desk@evil/index.html',
    'app://user@desk/index.html',
    'app://desk:1/index.html',
    'app://evil/index.html',
    'app://DESK.evil/',
    'file:///work/main/out/renderer/index.html',
    'file://desk/index.html',
    'javascript:alert(1)',
    'javascript://desk/%0aalert(1)',
    'data:text/html,<script>1</script>',
    'blob:app://desk/1234',
    'about:blank',
    'http://desk/index.html',
    'https://desk/index.html',
    'http://localhost:5173/',
    'devtools://devtools/bundled/inspector.html',
    '',
  ),
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.string(),
);

/** Untrusted senders: foreign URLs from any frame, and the app's own URL from a sub-frame or other window. */
const untrustedSender = fc.oneof(
  fc.record({ url: evilUrl, isAppTopFrame: fc.boolean() }),
  fc.record({ url: fc.constantFrom('app://desk/index.html', 'app://desk/', 'app://desk/index.html#/admin'), isAppTopFrame: fc.constant(false) }),
);

function withOneMoreAuditEvent(before: DbSnapshot): DbSnapshot {
  return { rows: { ...before.rows, [AUDIT_TABLE]: (before.rows[AUDIT_TABLE] ?? 0) + 1 }, totalChanges: before.totalChanges + 1 };
}

async function expectRefusedWithoutChange(
  channel: string,
  input: unknown,
  sender: SenderInfo,
  codes: readonly string[],
  refusalAudited = false,
): Promise<void> {
  const before = snapshotDb(backend.db);
  const result = await backend.dispatch(channel, input, sender);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(codes).toContain(result.error.code);
  expect(snapshotDb(backend.db)).toEqual(refusalAudited ? withOneMoreAuditEvent(before) : before);
}

describe('every IPC channel under fuzzing', () => {
  it.each(channelNames.map((name) => [name]))('%s refuses every untrusted sender, whatever the payload, and writes nothing', async (channel) => {
    await fc.assert(
      fc.asyncProperty(untrustedSender, payload, async (sender, input) => {
        fc.pre(!isTrustedSender(sender, appOrigins()));
        await expectRefusedWithoutChange(channel, input, sender, ['FORBIDDEN_SENDER']);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(channelNames.map((name) => [name]))('%s refuses every malformed payload from the app itself with INVALID_INPUT and writes nothing', async (channel) => {
    const schema = channels[channel as ChannelName].input;
    await fc.assert(
      fc.asyncProperty(payload, async (input) => {
        fc.pre(!schema.safeParse(input).success);
        await expectRefusedWithoutChange(channel, input, APP, ['INVALID_INPUT'], refusalsAudited(channel));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses unknown channel names, including prototype keys, and writes nothing', async () => {
    const names = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'ocd:authSignIn', 'AUTHSIGNIN'));
    await fc.assert(
      fc.asyncProperty(names, payload, async (name, input) => {
        fc.pre(!(channelNames as string[]).includes(name));
        await expectRefusedWithoutChange(name, input, APP, ['UNKNOWN_CHANNEL']);
      }),
      { numRuns: RUNS },
    );
  });

  // The long run (npm run fuzz) sends these to the handlers; here only that they pass the schema.
  it.each(channelNames.map((name) => [name]))('%s: inputs generated from its own schema pass that schema', (channel) => {
    const schema = channels[channel as ChannelName].input;
    const samples = fc.sample(arbitraryFor(schema, CHANNEL_HINTS), { numRuns: 50 });
    expect(samples.filter((input) => !schema.safeParse(input).success)).toEqual([]);
  });

  it('leaves every row of every table as it was and raised no internal error', () => {
    expect(hashDbContent(backend.db, { except: [AUDIT_TABLE] })).toBe(contentBefore);
    expect(internalErrors).toEqual([]);
  });

  it('records only refusal events in the audit log, never a fuzzed payload', () => {
    const rows = backend.db.prepare(`SELECT action, after_json FROM ${AUDIT_TABLE}`).all() as { action: string; after_json: string | null }[];
    const fuzzed = rows.filter((row) => row.action === 'override.refused');
    expect(fuzzed.length).toBeGreaterThan(0);
    for (const row of fuzzed) {
      const after = JSON.parse(row.after_json ?? '{}') as Record<string, unknown>;
      expect(Object.keys(after).sort()).toEqual(['code', 'invalidFields', 'operation', 'reason', 'role']);
      expect(after.code).toBe('INVALID_INPUT');
    }
  });
});
