/**
 * What must hold in the database after each SIGKILL of the crash test, one function per use
 * case: the file is sound, every acknowledged write is there, and no use case is half done.
 */
import type Database from 'better-sqlite3';
import { verifyAuditChain } from '../../electron/main/audit/audit-log';
import { foreignKeyCheck, integrityCheck } from '../../electron/main/recovery/db-health-repo';
import { CRASH_FEED_ENTITIES, CRASH_FEED_PREFIX, crashFeedPlan, tagOf } from './fixtures/crash-feeds';

/** Everything the child acknowledged so far (over all rounds). */
export interface Acknowledged {
  readonly submitted: Set<string>;
  readonly approved: Set<string>;
  readonly rejected?: Set<string>;
  /** Per import tag, every `rows done` the importer reported after a commit. */
  readonly imports?: Map<string, number[]>;
  /** Per policy run, every (accounts done, credits written) reported after a commit. */
  readonly chunks?: Map<string, Array<{ done: number; creditsWritten: number }>>;
  readonly credits?: Set<string>;
}

export interface CheckResult {
  problems: string[];
  lost: number;
}

function ids(db: Database.Database, sql: string): Set<string> {
  return new Set((db.prepare(sql).pluck().all() as string[]).map(String));
}

function count(db: Database.Database, sql: string): number {
  return db.prepare(sql).pluck().get() as number;
}

function checkFile(db: Database.Database): string[] {
  const problems: string[] = [];
  const integrity = integrityCheck(db);
  if (!integrity.ok) problems.push(`integrity_check: ${integrity.problems.join('; ')}`);
  const foreignKeys = foreignKeyCheck(db);
  if (!foreignKeys.ok) problems.push(`foreign_key_check: ${foreignKeys.problems.join('; ')}`);
  const chain = verifyAuditChain(db);
  if (!chain.ok) problems.push(`audit chain broken at ${chain.brokenAtSeq}: ${chain.reason}`);
  return problems;
}

/** Overrides: each request with its submission event; each approval with its event and its one credit, with that credit's event. */
function checkOverrides(db: Database.Database, acked: Acknowledged): CheckResult {
  const problems: string[] = [];
  const requests = ids(db, 'SELECT id FROM override_requests');
  const approved = ids(db, "SELECT id FROM override_requests WHERE status = 'approved'");
  const rejected = ids(db, "SELECT id FROM override_requests WHERE status = 'rejected'");
  let lost = 0;
  for (const id of acked.submitted) if (!requests.has(id)) lost += 1;
  for (const id of acked.approved) if (!approved.has(id)) lost += 1;
  for (const id of acked.rejected ?? []) if (!rejected.has(id)) lost += 1;

  const halfSubmitted = count(
    db,
    `SELECT count(*) FROM override_requests q WHERE NOT EXISTS
       (SELECT 1 FROM audit_events e WHERE e.action = 'override.submitted' AND e.target = 'override_request:' || q.id)`,
  );
  if (halfSubmitted > 0) problems.push(`${halfSubmitted} requests without their override.submitted event`);
  // The credits' events are counted per request once (a correlated count per approval grew
  // with the square of the soak's rounds).
  const halfApproved = count(
    db,
    `WITH credited AS MATERIALIZED (
       SELECT json_extract(e.after_json, '$.overrideRequestId') AS requestId, count(*) AS n
       FROM audit_events e JOIN credits c ON e.target = 'credit:' || c.id
       WHERE e.action = 'credit.created' GROUP BY 1)
     SELECT count(*) FROM override_requests q LEFT JOIN credited ON credited.requestId = q.id
     WHERE q.status = 'approved' AND (
       NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.action = 'override.approved' AND e.target = 'override_request:' || q.id)
       OR coalesce(credited.n, 0) <> 1)`,
  );
  const halfRejected = count(
    db,
    `SELECT count(*) FROM override_requests q WHERE q.status = 'rejected' AND NOT EXISTS
       (SELECT 1 FROM audit_events e WHERE e.action = 'override.rejected' AND e.target = 'override_request:' || q.id)`,
  );
  if (halfRejected > 0) problems.push(`${halfRejected} rejected requests without their override.rejected event`);
  if (halfApproved > 0) problems.push(`${halfApproved} approved requests without their approval event or exactly one credit`);
  const orphanCredits = count(
    db,
    `SELECT count(*) FROM credits c WHERE c.source = 'override' AND NOT EXISTS
       (SELECT 1 FROM audit_events e WHERE e.action = 'credit.created' AND e.target = 'credit:' || c.id)`,
  );
  if (orphanCredits > 0) problems.push(`${orphanCredits} override credits without their credit.created event`);
  const creditsOfUnapproved = count(
    db,
    `SELECT count(*) FROM audit_events e JOIN override_requests q ON q.id = json_extract(e.after_json, '$.overrideRequestId')
     WHERE e.action = 'credit.created' AND q.status <> 'approved'`,
  );
  if (creditsOfUnapproved > 0) problems.push(`${creditsOfUnapproved} credits for requests that are not approved`);
  return { problems, lost };
}

/**
 * Feed imports: each import's rows that are in the file are a prefix of its files in load
 * order, each file's part is whole batches, and agrees with the file's `rows_done` (written
 * in the batch's transaction); each acknowledged batch's rows are all there.
 */
function checkImports(db: Database.Database, acked: Acknowledged): CheckResult {
  const problems: string[] = [];
  let lost = 0;
  const present = new Set<string>();
  for (const entity of CRASH_FEED_ENTITIES) {
    for (const id of db.prepare(`SELECT source_id FROM ${entity} WHERE source_id LIKE ?`).pluck().all(`${CRASH_FEED_PREFIX}%`) as string[]) {
      present.add(id);
    }
  }
  const files = db
    .prepare(`SELECT file_name AS fileName, entity, rows_done AS rowsDone FROM import_run_files WHERE file_name LIKE ?`)
    .all(`%${CRASH_FEED_PREFIX}%`) as Array<{ fileName: string; entity: string; rowsDone: number }>;
  const rowsDone = new Map(files.map((f) => [`${tagOf(f.fileName)}/${f.entity}`, f.rowsDone]));
  const tags = new Set<string>([...acked.imports?.keys() ?? []]);
  for (const id of present) tags.add(tagOf(id) as string);
  for (const file of files) tags.add(tagOf(file.fileName) as string);

  for (const tag of tags) {
    const plan = crashFeedPlan(tag);
    const ordered = CRASH_FEED_ENTITIES.flatMap((entity) => plan.rows[entity].map((row) => row.source_id as string));
    let prefix = 0;
    while (prefix < ordered.length && present.has(ordered[prefix]!)) prefix += 1;
    const inFile = ordered.filter((id) => present.has(id)).length;
    if (inFile !== prefix) problems.push(`import ${tag}: ${inFile} rows present but only the first ${prefix} in load order`);
    for (const entity of CRASH_FEED_ENTITIES) {
      const rows = plan.rows[entity];
      const here = rows.filter((row) => present.has(row.source_id as string)).length;
      if (here % plan.batchRows !== 0 && here !== rows.length) {
        problems.push(`import ${tag}: ${here} of ${rows.length} ${entity} rows, not whole batches of ${plan.batchRows}`);
      }
      const recorded = rowsDone.get(`${tag}/${entity}`);
      if (here > 0 && recorded !== here) problems.push(`import ${tag}: ${here} ${entity} rows but the run records ${recorded ?? 'no file'}`);
    }
    for (const rows of acked.imports?.get(tag) ?? []) if (rows > prefix) lost += 1;
  }
  return { problems, lost };
}

/**
 * Policy runs: each run's automatic credits agree with the credits its progress record
 * counts (both are written in the chunk's transaction), every automatic credit belongs to a
 * run and is whole, and each acknowledged chunk and credit is there.
 */
function checkPolicyRuns(db: Database.Database, acked: Acknowledged): CheckResult {
  const problems: string[] = [];
  let lost = 0;
  const runs = db
    .prepare(
      `SELECT r.id, r.accounts_done AS done, r.credits_written AS creditsWritten,
         (SELECT count(*) FROM credits c WHERE c.source = 'automatic' AND c.outage_id = r.outage_id AND c.created_at = r.started_at) AS credits
       FROM policy_runs r`,
    )
    .all() as Array<{ id: string; done: number; creditsWritten: number; credits: number }>;
  const byId = new Map(runs.map((run) => [run.id, run]));
  const halfChunks = runs.filter((run) => run.credits !== run.creditsWritten);
  if (halfChunks.length > 0) {
    const first = halfChunks[0]!;
    problems.push(`${halfChunks.length} policy runs whose credits differ from their record (run ${first.id}: ${first.credits} credits, ${first.creditsWritten} recorded)`);
  }
  const withoutRun = count(
    db,
    `SELECT count(*) FROM credits c WHERE c.source = 'automatic' AND NOT EXISTS
       (SELECT 1 FROM policy_runs r WHERE r.outage_id = c.outage_id AND r.started_at = c.created_at)`,
  );
  if (withoutRun > 0) problems.push(`${withoutRun} automatic credits without their policy run`);
  const broken = count(
    db,
    `SELECT count(*) FROM credits c WHERE c.source = 'automatic' AND (
       c.status <> 'scheduled' OR c.scheduled_on IS NOT substr(c.created_at, 1, 10) OR c.bill_date IS NULL OR c.bill_date < c.scheduled_on
       OR c.amount_minor <= 0
       OR NOT EXISTS (SELECT 1 FROM outage_policies p WHERE p.outage_id = c.outage_id AND p.policy_id = c.policy_id)
       OR (c.line_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lines l WHERE l.id = c.line_id AND l.account_id = c.account_id)))`,
  );
  if (broken > 0) problems.push(`${broken} automatic credits that are not whole`);
  for (const [runId, chunks] of acked.chunks ?? []) {
    const run = byId.get(runId);
    for (const chunk of chunks) if (!run || run.done < chunk.done || run.creditsWritten < chunk.creditsWritten) lost += 1;
  }
  if ((acked.credits?.size ?? 0) > 0) {
    const automatic = ids(db, "SELECT id FROM credits WHERE source = 'automatic'");
    for (const id of acked.credits ?? []) if (!automatic.has(id)) lost += 1;
  }
  return { problems, lost };
}

/** Everything that must hold after a kill; returns the problems found (empty when all is well). */
export function checkAfterKill(db: Database.Database, acked: Acknowledged): CheckResult {
  const problems = checkFile(db);
  let lost = 0;
  for (const check of [checkOverrides, checkImports, checkPolicyRuns]) {
    const result = check(db, acked);
    problems.push(...result.problems);
    lost += result.lost;
  }
  return { problems: lost > 0 ? [`${lost} acknowledged writes missing`, ...problems] : problems, lost };
}
