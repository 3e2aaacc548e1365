/**
 * The crash test's engine, shared by test/reliability/crash.test.ts (a few seconds in npm test)
 * and scripts/crash-soak.ts (as long as you like): run real use cases in a child process,
 * SIGKILL it at a random moment, then check the file and every acknowledged write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { createBackend } from '../../electron/main/app/create-backend';
import { verifyAuditChain } from '../../electron/main/audit/audit-log';
import { openDatabase } from '../../electron/main/db/open-database';
import { foreignKeyCheck, integrityCheck } from '../../electron/main/recovery/db-health-repo';
import { runTs } from './child-process';

const RUNNER = resolve(__dirname, 'fixtures/use-case-runner.ts');
const START_MS = Date.parse('2024-03-04T15:00:00.000Z');
const DAY_MS = 86_400_000;

export interface CrashRunOptions {
  readonly rounds: number;
  /** Kill moment after the first acknowledgement, uniformly in [minKillMs, maxKillMs). */
  readonly minKillMs: number;
  readonly maxKillMs: number;
  readonly random?: () => number;
  readonly onRound?: (round: RoundReport) => void;
}

export interface RoundReport {
  readonly round: number;
  readonly acked: number;
  readonly killedAfterMs: number;
}

export interface CrashRunReport {
  readonly rounds: number;
  readonly acknowledgedWrites: number;
  readonly lost: number;
  readonly problems: string[];
  readonly requests: number;
  readonly approved: number;
}

function ids(db: Database.Database, sql: string): Set<string> {
  return new Set((db.prepare(sql).pluck().all() as string[]).map(String));
}

/** Everything that must hold after a kill; returns the problems found (empty when all is well). */
export function checkAfterKill(
  db: Database.Database,
  acked: { submitted: Set<string>; approved: Set<string>; rejected?: Set<string> },
): { problems: string[]; lost: number } {
  const problems: string[] = [];
  const integrity = integrityCheck(db);
  if (!integrity.ok) problems.push(`integrity_check: ${integrity.problems.join('; ')}`);
  const foreignKeys = foreignKeyCheck(db);
  if (!foreignKeys.ok) problems.push(`foreign_key_check: ${foreignKeys.problems.join('; ')}`);
  const chain = verifyAuditChain(db);
  if (!chain.ok) problems.push(`audit chain broken at ${chain.brokenAtSeq}: ${chain.reason}`);

  const requests = ids(db, 'SELECT id FROM override_requests');
  const approved = ids(db, "SELECT id FROM override_requests WHERE status = 'approved'");
  const rejected = ids(db, "SELECT id FROM override_requests WHERE status = 'rejected'");
  let lost = 0;
  for (const id of acked.submitted) if (!requests.has(id)) lost += 1;
  for (const id of acked.approved) if (!approved.has(id)) lost += 1;
  for (const id of acked.rejected ?? []) if (!rejected.has(id)) lost += 1;
  if (lost > 0) problems.push(`${lost} acknowledged writes missing`);

  // No half use case: each request has its submission event; each approval its event and its one credit, with that credit's event.
  const halfSubmitted = db
    .prepare(
      `SELECT count(*) FROM override_requests q WHERE NOT EXISTS
         (SELECT 1 FROM audit_events e WHERE e.action = 'override.submitted' AND e.target = 'override_request:' || q.id)`,
    )
    .pluck()
    .get() as number;
  if (halfSubmitted > 0) problems.push(`${halfSubmitted} requests without their override.submitted event`);
  const halfApproved = db
    .prepare(
      `SELECT count(*) FROM override_requests q WHERE q.status = 'approved' AND (
         NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.action = 'override.approved' AND e.target = 'override_request:' || q.id)
         OR (SELECT count(*) FROM audit_events e JOIN credits c ON e.target = 'credit:' || c.id
             WHERE e.action = 'credit.created' AND json_extract(e.after_json, '$.overrideRequestId') = q.id) <> 1)`,
    )
    .pluck()
    .get() as number;
  const halfRejected = db
    .prepare(
      `SELECT count(*) FROM override_requests q WHERE q.status = 'rejected' AND NOT EXISTS
         (SELECT 1 FROM audit_events e WHERE e.action = 'override.rejected' AND e.target = 'override_request:' || q.id)`,
    )
    .pluck()
    .get() as number;
  if (halfRejected > 0) problems.push(`${halfRejected} rejected requests without their override.rejected event`);
  if (halfApproved > 0) problems.push(`${halfApproved} approved requests without their approval event or exactly one credit`);
  const orphanCredits = db
    .prepare(
      `SELECT count(*) FROM credits c WHERE c.source = 'override' AND NOT EXISTS
         (SELECT 1 FROM audit_events e WHERE e.action = 'credit.created' AND e.target = 'credit:' || c.id)`,
    )
    .pluck()
    .get() as number;
  if (orphanCredits > 0) problems.push(`${orphanCredits} override credits without their credit.created event`);
  const creditsOfUnapproved = db
    .prepare(
      `SELECT count(*) FROM audit_events e JOIN override_requests q ON q.id = json_extract(e.after_json, '$.overrideRequestId')
       WHERE e.action = 'credit.created' AND q.status <> 'approved'`,
    )
    .pluck()
    .get() as number;
  if (creditsOfUnapproved > 0) problems.push(`${creditsOfUnapproved} credits for requests that are not approved`);
  return { problems, lost };
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export async function runCrashRounds(options: CrashRunOptions): Promise<CrashRunReport> {
  const random = options.random ?? Math.random;
  const dir = mkdtempSync(join(tmpdir(), 'ocd-crash-'));
  const dbPath = join(dir, 'desk.sqlite');
  const acked = { submitted: new Set<string>(), approved: new Set<string>(), rejected: new Set<string>() };
  let roundsDone = 0;
  const problems: string[] = [];
  let acknowledgedWrites = 0;
  let lost = 0;
  try {
    createBackend({ dbPath, seedDemo: true, isTrustedSender: () => false, clock: () => new Date(START_MS) }).close();
    for (let round = 0; round < options.rounds; round += 1) {
      // A new day each round, so the agents' daily override totals never run out.
      const child = runTs(RUNNER, [dbPath, String(START_MS + round * DAY_MS)]);
      await child.waitForAcks(1);
      const killedAfterMs = Math.floor(options.minKillMs + random() * (options.maxKillMs - options.minKillMs));
      await sleep(killedAfterMs);
      child.child.kill('SIGKILL');
      const exit = await child.exited;
      // Let the last flushed lines arrive: an ack the parent never read is simply not counted.
      await sleep(20);
      for (const line of child.acks) {
        const [kind, id] = line.split(' ');
        if (kind === 'submit' && id) acked.submitted.add(id);
        else if (kind === 'approve' && id) acked.approved.add(id);
        else if (kind === 'reject' && id) acked.rejected.add(id);
        else if (kind === 'finished') problems.push(`round ${round}: the runner ran out of accounts before the kill`);
        if (kind !== 'finished') acknowledgedWrites += 1;
      }
      if (exit.signal !== 'SIGKILL') problems.push(`round ${round}: child exited with ${exit.code}: ${child.stderr.join('')}`);
      const db = openDatabase(dbPath);
      try {
        const after = checkAfterKill(db, acked);
        lost += after.lost;
        problems.push(...after.problems.map((p) => `round ${round}: ${p}`));
      } finally {
        db.close();
      }
      roundsDone += 1;
      options.onRound?.({ round, acked: child.acks.length, killedAfterMs });
      if (problems.length > 0) break;
    }
    const db = openDatabase(dbPath);
    const requests = db.prepare('SELECT count(*) FROM override_requests').pluck().get() as number;
    const approved = db.prepare("SELECT count(*) FROM override_requests WHERE status = 'approved'").pluck().get() as number;
    db.close();
    return { rounds: roundsDone, acknowledgedWrites, lost, problems, requests, approved };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
