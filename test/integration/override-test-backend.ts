import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { withRefusalAudit } from '../../electron/main/ipc/refusal-audit';
import { ensureDemoOperators } from '../../electron/main/auth/demo-operators';
import { openDatabase } from '../../electron/main/db/open-database';
import { seedDemo } from '../../electron/main/demo/generate-dataset';
import { createDispatcher, type Dispatch } from '../../electron/main/ipc/dispatch';
import type { Actor } from '@shared/domain/operator';
import type { Handlers } from '../../electron/main/ipc/handlers';
import { createAuditHandlers } from '../../electron/main/ipc/audit-handlers';
import { createOverrideHandlers } from '../../electron/main/ipc/override-handlers';
import { createDashboardHandlers } from '../../electron/main/ipc/dashboard-handlers';
import { createDecisionHandlers } from '../../electron/main/ipc/decision-handlers';
import { createEvidenceHandlers } from '../../electron/main/ipc/evidence-handlers';
import { attachDemoPolicies, seedBuiltInPolicies } from '../../electron/main/policies/seed-policies';
import { TEST_PASSWORD_COST } from '../support/password-cost';

/**
 * The override, dashboard, audit, decision and evidence channels behind the real dispatcher (input parsing, role checks,
 * refusal audit), with a session that a test switches without scrypt: the state-machine
 * and property tests change operator hundreds of times.
 */
export interface OverrideTestBackend {
  readonly db: Database.Database;
  readonly dispatch: Dispatch;
  readonly operators: Record<'alice' | 'bob' | 'sam' | 'ada', Actor>;
  signInAs(name: 'alice' | 'bob' | 'sam' | 'ada' | null): void;
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  setNow(ms: number): void;
  now(): Date;
  close(): void;
}

export const APP_SENDER = { url: 'app://desk/index.html', isAppTopFrame: true };
export const START_MS = Date.parse('2024-03-04T15:00:00.000Z');

let template: { dir: string; file: string } | null = null;

/** Seeds one demo database per test file; each backend gets a copy, so runs never share state. */
function templateFile(): string {
  if (template) return template.file;
  const dir = mkdtempSync(join(tmpdir(), 'ocd-override-template-'));
  const file = join(dir, 'template.sqlite');
  const db = openDatabase(file);
  seedBuiltInPolicies(db);
  seedDemo(db);
  attachDemoPolicies(db);
  ensureDemoOperators(db, new Date(START_MS), TEST_PASSWORD_COST);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  template = { dir, file };
  return file;
}

export function removeTemplate(): void {
  if (template) rmSync(template.dir, { recursive: true, force: true });
  template = null;
}

export function createOverrideTestBackend(): OverrideTestBackend {
  const dir = mkdtempSync(join(tmpdir(), 'ocd-override-'));
  const file = join(dir, 'desk.sqlite');
  copyFileSync(templateFile(), file);
  const db = openDatabase(file);
  const rows = db.prepare('SELECT id, username, role FROM operators').all() as Array<{ id: number; username: string; role: Actor['role'] }>;
  const operators = Object.fromEntries(rows.map((row) => [row.username, { operatorId: row.id, username: row.username, role: row.role }])) as OverrideTestBackend['operators'];
  let actor: Actor | null = null;
  let nowMs = START_MS;
  const handlers = {
    ...createOverrideHandlers(db),
    ...createDashboardHandlers(db),
    ...createAuditHandlers(db),
    ...createDecisionHandlers(db),
    ...createEvidenceHandlers(db),
  } as unknown as Handlers;
  const clock = () => new Date(nowMs);
  const inner = createDispatcher({
    handlers,
    session: {
      authorize: () => (actor ? { ok: true, actor } : { ok: false, code: 'NOT_SIGNED_IN' }),
      current: () => actor,
    },
    isTrustedSender: (sender) => sender.isAppTopFrame,
    clock,
    onInternalError: (channel, error) => {
      throw new Error(`INTERNAL on ${channel}: ${String(error)}`);
    },
  });
  const dispatch = withRefusalAudit(inner, { db, clock, currentActor: () => actor });
  return {
    db,
    dispatch,
    operators,
    signInAs(name) {
      actor = name ? operators[name] : null;
    },
    call(channel, input) {
      return dispatch(channel, input, APP_SENDER) as never;
    },
    setNow(ms) {
      nowMs = ms;
    },
    now: clock,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function outageIdBySource(db: Database.Database, sourceId: string): number {
  return (db.prepare('SELECT id FROM outages WHERE source_id = ?').get(sourceId) as { id: number }).id;
}
