/**
 * npm run fuzz [-- --runs 10000] [--channel overridesSubmit] [--seed 42]
 *
 * The long IPC fuzz run, outside npm test: every channel, `runs` cases each, with inputs
 * generated from the channel's own input schema (test/security/zod-arbitrary.ts) so that most
 * pass validation and reach the handler, sent from the app's own window by an operator whose
 * role may call the channel. Reports per channel how many cases reached the handler, and
 * compares the database before and after: the tables that hold reference data and the schema
 * must be unchanged, the audit chain must verify, integrity_check must pass, and no call may
 * end in an internal error. Exits non-zero when any of that fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { mayCall, rolesFor } from '@shared/ipc/channel-access';
import { channelNames, channels, type ChannelName } from '@shared/ipc/channels';
import type { Role } from '@shared/domain/operator';
import { createBackend } from '../electron/main/app/create-backend';
import { verifyAuditChain } from '../electron/main/audit/audit-log';
import { DEMO_OPERATORS } from '../electron/main/auth/demo-operators';
import { CHANNEL_HINTS } from '../test/security/channel-hints';
import { hashDbContent, snapshotDb } from '../test/security/db-snapshot';
import { arbitraryFor } from '../test/security/zod-arbitrary';
import { TEST_PASSWORD_COST } from '../test/support/password-cost';

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
// Answers the dispatcher gives before any handler runs (FORBIDDEN_ROLE too, but the caller's role is chosen to pass).
const BEFORE_HANDLER = new Set(['UNKNOWN_CHANNEL', 'FORBIDDEN_SENDER', 'INVALID_INPUT', 'NOT_SIGNED_IN', 'SESSION_LOCKED']);
// Reference data and configuration no channel may change.
const UNCHANGED_TABLES = ['accounts', 'lines', 'outages', 'impacts', 'credit_policies', 'outage_policies', 'account_name_pairs'];

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const runs = Number(argument('runs') ?? 10_000);
const seed = Number(argument('seed') ?? Date.now() % 2 ** 31);
const only = argument('channel');
// The audit channels first: auditVerify reads the whole chain, which every other channel lengthens.
const FIRST: readonly ChannelName[] = ['auditVerify', 'auditList'];
const ordered = [...FIRST, ...channelNames.filter((name) => !FIRST.includes(name))];
const selected = only ? ordered.filter((name) => name === only) : ordered;
if (selected.length === 0) throw new Error(`no channel named ${only}`);

/** The demo operator to call a channel as: the most privileged role the channel allows. */
function callerFor(channel: ChannelName): (typeof DEMO_OPERATORS)[number] {
  const allowed: readonly Role[] = channels[channel].access === 'public' ? ['admin'] : rolesFor(channel);
  const role = (['admin', 'supervisor', 'agent'] as const).find((candidate) => allowed.includes(candidate))!;
  return DEMO_OPERATORS.find((operator) => operator.role === role)!;
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ocd-fuzz-long-'));
  let nowMs = Date.parse('2024-03-04T15:00:00.000Z');
  const internalErrors: string[] = [];
  const backend = createBackend({
    passwordCost: TEST_PASSWORD_COST,
    dbPath: join(dir, 'desk.sqlite'),
    dataDir: join(dir, 'data'),
    seedDemo: true,
    // A generated afterVersion at or above the data version waits for a change: keep that short.
    changesWaitMs: 5,
    clock: () => new Date(nowMs),
    isTrustedSender: (sender) => sender.isAppTopFrame && sender.url.startsWith('app://desk/'),
    // The operator cancels every file dialog: an import starts from no files.
    pickFeedFiles: async () => null,
    onInternalError: (channel, error) => internalErrors.push(`${channel}: ${String(error)}`.slice(0, 300)),
  });
  const db = backend.db;
  const before = { snapshot: snapshotDb(db), unchanged: hashDbContent(db, { except: tablesExcept(db, UNCHANGED_TABLES) }), schema: schemaOf(db) };
  console.log(`ipc fuzz: ${selected.length} channels, ${runs} cases each, seed ${seed}`);
  console.log(`${'channel'.padEnd(24)} ${'cases'.padStart(6)} ${'reached'.padStart(8)} ${'ok'.padStart(6)}  ms     answers`);
  const runIds: string[] = [];
  let totalReached = 0;
  let problems = 0;
  for (const channel of selected) {
    const caller = callerFor(channel);
    const arbitrary = arbitraryFor(channels[channel].input, CHANNEL_HINTS);
    const inputs = fc.sample(arbitrary, { numRuns: runs, seed: seed + channelNames.indexOf(channel) });
    const codes = new Map<string, number>();
    let reached = 0;
    let succeeded = 0;
    const started = performance.now();
    for (const input of inputs) {
      nowMs += 1_000;
      const now = new Date(nowMs);
      if (backend.auth.current(now)?.username !== caller.username) {
        const signedIn = await backend.auth.signIn(caller.username, caller.password, now);
        if (!signedIn.ok) throw new Error(`cannot sign in as ${caller.username}: ${signedIn.error.code}`);
      }
      if (channels[channel].access !== 'public' && !mayCall(caller.role, channel)) throw new Error(`${caller.username} may not call ${channel}`);
      const result = await backend.dispatch(channel, input, APP);
      const code = result.ok ? 'ok' : result.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (result.ok) succeeded += 1;
      if (result.ok && channel === 'policyRunStart') runIds.push((result.value as { runId: string }).runId);
      if (result.ok || !BEFORE_HANDLER.has(result.error.code)) reached += 1;
    }
    const ms = Math.round(performance.now() - started);
    totalReached += reached;
    const answers = [...codes.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
    console.log(`${channel.padEnd(24)} ${String(inputs.length).padStart(6)} ${String(reached).padStart(8)} ${String(succeeded).padStart(6)}  ${String(ms).padEnd(6)} ${answers}`);
    if (reached < inputs.length * 0.9) {
      console.error(`  ${channel}: only ${reached} of ${inputs.length} cases reached the handler`);
      problems += 1;
    }
  }
  // Policy runs go on in the background: let each finish before the database is compared.
  await Promise.all(runIds.map((runId) => backend.policyRuns.settled(runId)));

  const after = { snapshot: snapshotDb(db), unchanged: hashDbContent(db, { except: tablesExcept(db, UNCHANGED_TABLES) }), schema: schemaOf(db) };
  console.log(`\nreached the handler: ${totalReached} of ${selected.length * runs}`);
  console.log('rows per table, before -> after (tables that changed):');
  for (const [table, count] of Object.entries(after.snapshot.rows)) {
    const was = before.snapshot.rows[table] ?? 0;
    if (was !== count) console.log(`  ${table.padEnd(24)} ${was} -> ${count}`);
  }
  const checks: Array<[string, boolean]> = [
    [`reference tables unchanged (${UNCHANGED_TABLES.join(', ')})`, before.unchanged === after.unchanged],
    ['schema unchanged', before.schema === after.schema],
    ['audit chain verifies', verifyAuditChain(db).ok],
    ['integrity_check ok', db.pragma('integrity_check', { simple: true }) === 'ok'],
    [`no internal error (${internalErrors.length})`, internalErrors.length === 0],
  ];
  for (const [name, passed] of checks) console.log(`${passed ? 'PASS' : 'FAIL'}  ${name}`);
  for (const error of internalErrors.slice(0, 10)) console.error(`  ${error}`);
  backend.close();
  rmSync(dir, { recursive: true, force: true });
  return problems + checks.filter(([, passed]) => !passed).length;
}

function tablesExcept(db: ReturnType<typeof createBackend>['db'], keep: readonly string[]): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter((name) => !keep.includes(name));
}

function schemaOf(db: ReturnType<typeof createBackend>['db']): string {
  return JSON.stringify(db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all());
}

main().then(
  (failures) => process.exit(failures === 0 ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
