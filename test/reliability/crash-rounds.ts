/**
 * The crash test's engine, shared by test/reliability/crash.test.ts (a few seconds in npm test)
 * and scripts/crash-soak.ts (as long as you like): run real use cases in a child process,
 * SIGKILL it at a random moment, then check the file and every acknowledged write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBackend } from '../../electron/main/app/create-backend';
import { openDatabase } from '../../electron/main/db/open-database';
import { checkAfterKill, type Acknowledged } from './crash-checks';
import { runTs, type Acked } from './child-process';
import { CRASH_FEED_PREFIX } from './fixtures/crash-feeds';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const RUNNER = resolve(__dirname, 'fixtures/use-case-runner.ts');
const START_MS = Date.parse('2024-03-04T15:00:00.000Z');
const DAY_MS = 86_400_000;

/** How long a child may take before all three use cases have committed once. */
const START_LIMIT_MS = 30_000;

export interface CrashRunOptions {
  readonly rounds: number;
  /** Kill moment after every use case has committed once, uniformly in [minKillMs, maxKillMs). */
  readonly minKillMs: number;
  readonly maxKillMs: number;
  readonly random?: () => number;
  readonly onRound?: (round: RoundReport) => void;
  /**
   * How long a child may take until each use case has committed once (30 s by default). The
   * long soak on a busy machine gives more: a slow start is the machine's, not a lost write.
   */
  readonly startLimitMs?: number;
}

export interface RoundReport {
  readonly round: number;
  readonly acked: number;
  readonly killedAfterMs: number;
  /** Acknowledged writes so far, and how many of them were missing after a kill. */
  readonly acknowledgedWrites: number;
  readonly lost: number;
}

/** Acknowledged commits by use case. */
export interface AcknowledgedCounts {
  /** Override submissions, approvals and rejections. */
  overrides: number;
  importBatches: number;
  /** Rows of the acknowledged batches. */
  importRows: number;
  /** Committed chunks of policy runs (and each run's start record). */
  creditChunks: number;
  credits: number;
}

export interface CrashRunReport {
  readonly rounds: number;
  /** Every acknowledged commit: overrides + import batches + policy-run chunks. */
  readonly acknowledgedWrites: number;
  readonly acknowledged: AcknowledgedCounts;
  readonly lost: number;
  readonly problems: string[];
  readonly requests: number;
  readonly approved: number;
  /** Rows of the crash feeds (accounts, lines, impacts) in the file at the end. */
  readonly importedRows: number;
  readonly policyRuns: number;
  readonly automaticCredits: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Resolves once the child has acknowledged a commit of every use case; false if it exited or took too long first. */
async function allUseCasesStarted(child: Acked, exited: () => boolean, limitMs: number): Promise<boolean> {
  const started = Date.now();
  const has = (kind: string) => child.acks.some((line) => line.startsWith(`${kind} `));
  while (!(has('submit') && has('import') && has('chunk'))) {
    if (exited() || Date.now() - started > limitMs) return false;
    await sleep(10);
  }
  return true;
}

/** Adds the child's acknowledgements to `acked` and `counts`; returns problems its lines reveal. */
function collect(lines: readonly string[], acked: Required<Acknowledged>, counts: AcknowledgedCounts): string[] {
  const problems: string[] = [];
  for (const line of lines) {
    const [kind, id, a, b, list] = line.split(' ');
    if (kind === 'submit' || kind === 'approve' || kind === 'reject') {
      ({ submit: acked.submitted, approve: acked.approved, reject: acked.rejected })[kind].add(id!);
      counts.overrides += 1;
    } else if (kind === 'import') {
      const rows = Number(a);
      const seen = acked.imports.get(id!) ?? [];
      // Rows done are cumulative over the import's files: this batch's rows are the difference.
      counts.importRows += rows - (seen.length > 0 ? Math.max(...seen) : 0);
      acked.imports.set(id!, [...seen, rows]);
      counts.importBatches += 1;
    } else if (kind === 'chunk') {
      const chunks = acked.chunks.get(id!) ?? [];
      acked.chunks.set(id!, [...chunks, { done: Number(a), creditsWritten: Number(b) }]);
      counts.creditChunks += 1;
      for (const credit of list === '-' || !list ? [] : list.split(',')) {
        acked.credits.add(credit);
        counts.credits += 1;
      }
    } else if (kind === 'finished') {
      problems.push('the runner ran out of override candidates before the kill');
    }
  }
  return problems;
}

export async function runCrashRounds(options: CrashRunOptions): Promise<CrashRunReport> {
  const random = options.random ?? Math.random;
  const dir = mkdtempSync(join(tmpdir(), 'ocd-crash-'));
  const dbPath = join(dir, 'desk.sqlite');
  const acked: Required<Acknowledged> = {
    submitted: new Set(),
    approved: new Set(),
    rejected: new Set(),
    imports: new Map(),
    chunks: new Map(),
    credits: new Set(),
  };
  const counts: AcknowledgedCounts = { overrides: 0, importBatches: 0, importRows: 0, creditChunks: 0, credits: 0 };
  let roundsDone = 0;
  const problems: string[] = [];
  let lost = 0;
  try {
    createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, isTrustedSender: () => false, clock: () => new Date(START_MS) }).close();
    for (let round = 0; round < options.rounds; round += 1) {
      const seed = Math.floor(random() * 2 ** 31);
      // A new day each round, so the agents' daily override totals never run out.
      const child = runTs(RUNNER, [dbPath, String(START_MS + round * DAY_MS), join(dir, 'feeds'), String(round), String(seed)]);
      let exitedEarly = false;
      void child.exited.then(() => (exitedEarly = true));
      const running = await allUseCasesStarted(child, () => exitedEarly, options.startLimitMs ?? START_LIMIT_MS);
      const killedAfterMs = Math.floor(options.minKillMs + random() * (options.maxKillMs - options.minKillMs));
      if (running) await sleep(killedAfterMs);
      else problems.push(`round ${round} (seed ${seed}): not every use case committed before the child ${exitedEarly ? 'exited' : 'timed out'}`);
      child.child.kill('SIGKILL');
      const exit = await child.exited;
      // Let the last flushed lines arrive: an ack the parent never read is simply not counted.
      await sleep(20);
      problems.push(...collect(child.acks, acked, counts).map((p) => `round ${round} (seed ${seed}): ${p}`));
      if (exit.signal !== 'SIGKILL') problems.push(`round ${round} (seed ${seed}): child exited with ${exit.code}: ${child.stderr.join('')}`);
      const db = openDatabase(dbPath);
      try {
        const after = checkAfterKill(db, acked);
        lost += after.lost;
        problems.push(...after.problems.map((p) => `round ${round} (seed ${seed}): ${p}`));
      } finally {
        db.close();
      }
      roundsDone += 1;
      options.onRound?.({
        round,
        acked: child.acks.length,
        killedAfterMs,
        acknowledgedWrites: counts.overrides + counts.importBatches + counts.creditChunks,
        lost,
      });
      if (problems.length > 0) break;
    }
    const db = openDatabase(dbPath);
    const scalar = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
    const like = `${CRASH_FEED_PREFIX}%`;
    const report: CrashRunReport = {
      rounds: roundsDone,
      acknowledgedWrites: counts.overrides + counts.importBatches + counts.creditChunks,
      acknowledged: counts,
      lost,
      problems,
      requests: scalar('SELECT count(*) FROM override_requests'),
      approved: scalar("SELECT count(*) FROM override_requests WHERE status = 'approved'"),
      importedRows:
        scalar('SELECT count(*) FROM accounts WHERE source_id LIKE ?', like) +
        scalar('SELECT count(*) FROM lines WHERE source_id LIKE ?', like) +
        scalar('SELECT count(*) FROM impacts WHERE source_id LIKE ?', like),
      policyRuns: scalar('SELECT count(*) FROM policy_runs'),
      automaticCredits: scalar("SELECT count(*) FROM credits WHERE source = 'automatic'"),
    };
    db.close();
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
