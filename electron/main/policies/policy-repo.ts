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
  latestByCode: `SELECT id, code, version, rules_json AS rulesJson FROM credit_policies
    WHERE code = ? ORDER BY version DESC LIMIT 1`,
  link: `INSERT INTO outage_policies (outage_id, policy_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
  ofOutage: `SELECT p.id, p.code, p.version, p.rules_json AS rulesJson, op.outage_id AS outageId
    FROM outage_policies op JOIN credit_policies p ON p.id = op.policy_id
    WHERE op.outage_id = ? ORDER BY p.code, p.version`,
  allAttached: `SELECT p.id, p.code, p.version, p.rules_json AS rulesJson, op.outage_id AS outageId
    FROM outage_policies op JOIN credit_policies p ON p.id = op.policy_id
    ORDER BY op.outage_id, p.code, p.version`,
  outageIdBySource: `SELECT id FROM outages WHERE source_id = ?`,
} as const;

/** Stores a policy version unless that code and version exist (a stored version is never rewritten). */
export function insertPolicyVersion(db: Database.Database, code: string, version: number, rulesJson: string): void {
  cachedStatement(db, policySql.insert).run(code, version, rulesJson);
}

export function findPolicyVersion(db: Database.Database, code: string, version: number): PolicyRow | undefined {
  return cachedStatement<[string, number], PolicyRow>(db, policySql.byCodeVersion).get(code, version);
}

export function findLatestPolicy(db: Database.Database, code: string): PolicyRow | undefined {
  return cachedStatement<[string], PolicyRow>(db, policySql.latestByCode).get(code);
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
