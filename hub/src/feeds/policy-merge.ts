import type { CreditPolicyFeedRow } from '@shared/feeds/feed-row-schemas';
import { feedRowHash } from '@shared/feeds/row-hash';
import type { RemovedOutagePolicy } from '@shared/hub/changes';
import type { Tx } from '../db/transaction';
import type { LineProblem } from './import-run-repo';
import type { MergeContext } from './feed-merge';

/*
 * Credit policies at the hub, as the desktop stores them (electron/main/feeds/feed-row-writer.ts):
 * a (code, version) never changes its rules (other rules for a stored version are a conflict:
 * credits were computed under it), and the row's outage list replaces the policy's links.
 * A policy feed holds a few dozen rows, so its chunk is merged with one read of what is stored
 * and a statement per changed policy, not through a staging table.
 */

export interface PolicyRow {
  readonly line: number;
  readonly row: CreditPolicyFeedRow;
}

export interface PolicyMergeResult {
  readonly inserted: number;
  readonly updated: number;
  readonly problems: LineProblem[];
  /** The links the chunk deleted (a policy's outage list dropped an outage): the batch entry names them for desktops. */
  readonly removed: RemovedOutagePolicy[];
}

interface StoredPolicy {
  id: number;
  code: string;
  version: number;
  sameRules: boolean;
  links: number[];
}

export async function mergePolicies(tx: Tx, rows: readonly PolicyRow[], context: MergeContext): Promise<PolicyMergeResult> {
  const problems: LineProblem[] = [];
  const removed: RemovedOutagePolicy[] = [];
  if (rows.length === 0) return { inserted: 0, updated: 0, problems, removed };
  const sourceIds = [...new Set(rows.flatMap((r) => r.row.outage_source_ids ?? []))];
  const { rows: outageRows } = await tx.query<{ id: number; source_id: string }>('SELECT id, source_id FROM outages WHERE source_id = ANY($1)', [sourceIds]);
  const outageIds = new Map(outageRows.map((o) => [o.source_id, o.id]));
  const { rows: stored } = await tx.query<StoredPolicy>(
    `SELECT p.id, p.code, p.version, p.rules = x.rules AS "sameRules",
       ARRAY(SELECT op.outage_id FROM outage_policies op WHERE op.policy_id = p.id ORDER BY op.outage_id) AS links
     FROM unnest($1::text[], $2::int[], $3::jsonb[]) AS x(code, version, rules)
     JOIN credit_policies p ON p.code = x.code AND p.version = x.version`,
    [rows.map((r) => r.row.code), rows.map((r) => r.row.version), rows.map((r) => JSON.stringify(r.row.rules))],
  );
  const byKey = new Map(stored.map((p) => [`${p.code}@${p.version}`, p]));
  let inserted = 0;
  let updated = 0;
  for (const { line, row } of rows) {
    const wanted: number[] = [];
    const unknown = (row.outage_source_ids ?? []).find((id) => !outageIds.has(id));
    if (unknown !== undefined) {
      problems.push({ line, problem: { field: 'outage_source_ids', reason: 'unknown_reference', detail: `no outage ${unknown}` } });
      continue;
    }
    for (const id of row.outage_source_ids ?? []) {
      const outageId = outageIds.get(id)!;
      if (!wanted.includes(outageId)) wanted.push(outageId);
    }
    wanted.sort((a, b) => a - b);
    const existing = byKey.get(`${row.code}@${row.version}`);
    if (!existing) {
      const rulesJson = JSON.stringify(row.rules);
      const hash = feedRowHash([row.code, row.version, rulesJson]);
      const { rows: created } = await tx.query<{ id: number }>(
        'INSERT INTO credit_policies (code, version, rules, feed_hash, carrier_batch) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [row.code, row.version, rulesJson, hash, context.batch],
      );
      await replaceLinks(tx, created[0]!.id, wanted, context.batch);
      inserted += 1;
      continue;
    }
    if (!existing.sameRules) {
      problems.push({ line, problem: { field: 'rules', reason: 'conflict', detail: `${row.code} v${row.version} exists with other rules` } });
      continue;
    }
    if (existing.links.length === wanted.length && existing.links.every((id, i) => id === wanted[i])) continue;
    // The policy row carries the batch too; a link dropped is named in the batch entry (`removed`), so desktops delete it.
    await tx.query('UPDATE credit_policies SET carrier_batch = $2 WHERE id = $1', [existing.id, context.batch]);
    for (const outageId of await replaceLinks(tx, existing.id, wanted, context.batch)) removed.push({ outageId, policyCode: row.code, policyVersion: row.version });
    updated += 1;
  }
  return { inserted, updated, problems, removed };
}

/** Sets the policy's links to `outageIds`; answers the outages whose links it deleted. */
async function replaceLinks(tx: Tx, policyId: number, outageIds: readonly number[], batch: number): Promise<number[]> {
  const { rows: gone } = await tx.query<{ outage_id: number }>(
    'DELETE FROM outage_policies WHERE policy_id = $1 AND outage_id <> ALL($2::int[]) RETURNING outage_id',
    [policyId, outageIds],
  );
  await tx.query(
    `INSERT INTO outage_policies (outage_id, policy_id, carrier_batch) SELECT unnest($2::int[]), $1, $3 ON CONFLICT DO NOTHING`,
    [policyId, outageIds, batch],
  );
  return gone.map((g) => g.outage_id).sort((a, b) => a - b);
}
