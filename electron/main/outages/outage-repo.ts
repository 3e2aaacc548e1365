import type Database from 'better-sqlite3';
import { impactAsOf, type Impact, type Outage, type OutageCause } from '@shared/domain/outage';
import type { ServiceType } from '@shared/domain/account';
import { cachedStatement } from '../db/statement-cache';

interface OutageRow {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string | null;
  cause: OutageCause;
  servicesJson: string;
  towersAffected: number;
  subscribersAffected: number | null;
  regionsJson: string;
  revision: number;
}

/** An impact row: lost minutes are unknown (null) while the line is still without service. */
export interface ImpactRow {
  lineId: number;
  outageId: number;
  startsAt: string;
  endsAt: string | null;
  lostMinutes: number | null;
  connectedAtStart: 0 | 1;
}

const IMPACT_COLUMNS = `i.line_id AS lineId, i.outage_id AS outageId, i.starts_at AS startsAt, i.ends_at AS endsAt,
  i.lost_minutes AS lostMinutes, i.connected_at_start AS connectedAtStart`;

const outageSql = {
  byId: `SELECT id, title, starts_at AS startsAt, ends_at AS endsAt, cause, services_json AS servicesJson,
      towers_affected AS towersAffected, subscribers_affected AS subscribersAffected, regions_json AS regionsJson, revision
    FROM outages WHERE id = ?`,
  impactsOfAccount: `SELECT ${IMPACT_COLUMNS} FROM lines l JOIN impacts i ON i.line_id = l.id WHERE l.account_id = ?`,
  // Outages started by asOf and ongoing or ended since the cutoff, by the accounts their impacts touch.
  reach: `SELECT o.id, count(DISTINCT l.account_id) AS accounts
    FROM outages o JOIN impacts i ON i.outage_id = o.id JOIN lines l ON l.id = i.line_id
    WHERE o.starts_at <= @asOf AND (o.ends_at IS NULL OR o.ends_at >= @cutoff)
    GROUP BY o.id ORDER BY accounts DESC, o.starts_at DESC, o.id`,
  fingerprint: `SELECT count(*) AS outages, coalesce(max(updated_at), '') AS updatedAt, coalesce(sum(revision), 0) AS revisions,
      (SELECT coalesce(max(id), 0) FROM impacts) AS lastImpactId
    FROM outages`,
} as const;

function toOutage(row: OutageRow): Outage {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    cause: row.cause,
    servicesAffected: JSON.parse(row.servicesJson) as ServiceType[],
    towersAffected: row.towersAffected,
    subscribersAffected: row.subscribersAffected,
    regions: JSON.parse(row.regionsJson) as string[],
    revision: row.revision,
  };
}

export function findOutage(db: Database.Database, outageId: number): Outage | undefined {
  const row = cachedStatement<[number], OutageRow>(db, outageSql.byId).get(outageId);
  return row ? toOutage(row) : undefined;
}

export function listImpactsOfAccount(db: Database.Database, accountId: number): ImpactRow[] {
  return cachedStatement<[number], ImpactRow>(db, outageSql.impactsOfAccount).all(accountId);
}

/** The engine's view of an impact (shared/domain/outage.ts: lost minutes counted up to `asOf` while open). */
export function toDomainImpact(row: ImpactRow, asOf: string): Impact {
  return impactAsOf({ ...row, connectedAtStart: row.connectedAtStart === 1 }, asOf);
}

export interface OutageReach {
  readonly id: number;
  readonly accounts: number;
}

/** Outages started by `asOf` and ongoing or ended since `cutoff`, the widest reach first. */
export function listRecentOutageReach(db: Database.Database, asOf: string, cutoff: string): OutageReach[] {
  return cachedStatement<[{ asOf: string; cutoff: string }], OutageReach>(db, outageSql.reach).all({ asOf, cutoff });
}

/**
 * Cheap to read, and moves when outages are added, revised or re-imported or impacts are
 * added: what a cache of outage-wide figures keys on.
 */
export function outagesFingerprint(db: Database.Database): string {
  const row = cachedStatement<[], Record<string, string | number>>(db, outageSql.fingerprint).get()!;
  return `${row.outages}|${row.updatedAt}|${row.revisions}|${row.lastImpactId}`;
}
