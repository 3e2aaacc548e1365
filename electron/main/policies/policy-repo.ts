import type Database from 'better-sqlite3';
import { cachedStatement } from '../db/statement-cache';

export interface PolicyRow {
  id: number;
  code: string;
  version: number;
  rulesJson: string;
}

/** A policy attached to an outage, with the outage it belongs to. */
export interface OutagePolicyRow extends PolicyRow {
  outageId: number;
}

const policySql = {
  insert: `INSERT INTO credit_policies (code, version, rules_json) VALUES (?, ?, ?)
    ON CONFLICT (code, version) DO NOTHING`,
  byCodeVersion: `SELECT id, code, version, rules_json AS rulesJson FROM credit_policies WHERE code = ? AND version = ?`,
  link: `INSERT INTO outage_policies (outage_id, policy_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
  ofOutage: `SELECT p.id, p.code, p.version, p.rules_json AS rulesJson, op.outage_id AS outageId
    FROM outage_policies op JOIN credit_policies p ON p.id = op.policy_id
    WHERE op.outage_id = ? ORDER BY p.code, p.version`,
  allAttached: `SELECT p.id, p.code, p.version, p.rules_json AS rulesJson, op.outage_id AS outageId
    FROM outage_policies op JOIN credit_policies p ON p.id = op.policy_id
    ORDER BY op.outage_id, p.code, p.version`,
  outageIdBySource: `SELECT id FROM outages WHERE source_id = ?`,
  insertReturningId: 'INSERT INTO credit_policies (code, version, rules_json) VALUES (?, ?, ?) RETURNING id',
  outagesOfPolicy: 'SELECT outage_id AS outageId FROM outage_policies WHERE policy_id = ? ORDER BY outage_id',
  unlinkAll: 'DELETE FROM outage_policies WHERE policy_id = ?',
  refsOfOutage: `SELECT p.id, p.code FROM outage_policies op JOIN credit_policies p ON p.id = op.policy_id
    WHERE op.outage_id = ? ORDER BY p.id`,
} as const;

/** Stores a policy version unless that code and version exist (a stored version is never rewritten). */
export function insertPolicyVersion(db: Database.Database, code: string, version: number, rulesJson: string): void {
  cachedStatement(db, policySql.insert).run(code, version, rulesJson);
}

export function findPolicyVersion(db: Database.Database, code: string, version: number): PolicyRow | undefined {
  return cachedStatement<[string, number], PolicyRow>(db, policySql.byCodeVersion).get(code, version);
}

export function linkPolicyToOutage(db: Database.Database, outageId: number, policyId: number): void {
  cachedStatement(db, policySql.link).run(outageId, policyId);
}

export function listPoliciesOfOutage(db: Database.Database, outageId: number): OutagePolicyRow[] {
  return cachedStatement<[number], OutagePolicyRow>(db, policySql.ofOutage).all(outageId);
}

/** Every outage-policy link; outages with policies are few, so this is small. */
export function listAttachedPolicies(db: Database.Database): OutagePolicyRow[] {
  return cachedStatement<[], OutagePolicyRow>(db, policySql.allAttached).all();
}

export function findOutageIdBySource(db: Database.Database, sourceId: string): number | undefined {
  return cachedStatement<[string], { id: number }>(db, policySql.outageIdBySource).get(sourceId)?.id;
}

/** Stores a new policy version and returns its id; the caller knows the version is not there yet. */
export function insertNewPolicyVersion(db: Database.Database, code: string, version: number, rulesJson: string): number {
  return cachedStatement<[string, number, string], { id: number }>(db, policySql.insertReturningId).get(code, version, rulesJson)!.id;
}

export function listPolicyOutageIds(db: Database.Database, policyId: number): number[] {
  return cachedStatement<[number], { outageId: number }>(db, policySql.outagesOfPolicy).all(policyId).map((r) => r.outageId);
}

/** Makes the policy's outage links exactly `outageIds`. */
export function replacePolicyOutages(db: Database.Database, policyId: number, outageIds: readonly number[]): void {
  cachedStatement(db, policySql.unlinkAll).run(policyId);
  for (const outageId of outageIds) cachedStatement(db, policySql.link).run(outageId, policyId);
}

/** The id and code of each policy attached to the outage, oldest first. */
export function listPolicyRefsOfOutage(db: Database.Database, outageId: number): Array<{ id: number; code: string }> {
  return cachedStatement<[number], { id: number; code: string }>(db, policySql.refsOfOutage).all(outageId);
}

/**
 * credits.policy_id is NOT NULL, so an override on an outage without a policy is filed under
 * a reserved, never-attached policy row. It is not attached to any outage, so the policy
 * engine never evaluates it.
 */
export function ensureManualOverridePolicy(db: Database.Database, code: string): { id: number; code: string } {
  insertPolicyVersion(db, code, 1, JSON.stringify({ code, manualOverride: true }));
  const row = findPolicyVersion(db, code, 1)!;
  return { id: row.id, code: row.code };
}
