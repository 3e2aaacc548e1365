import type Database from 'better-sqlite3';
import {
  insertAccount,
  insertImpact,
  insertLine,
  insertOutageUnlessExists,
  type AccountValues,
  type ImpactValues,
  type LineValues,
} from '../feeds/feed-write-repo';
import type { DemoOutage } from './demo-outages';

/** Positional so the million-row loop builds no objects per row; the feed import's own row shapes. */
export type AccountRow = AccountValues;
export type LineRow = LineValues;
export type ImpactRow = ImpactValues;

export interface DatasetWriter {
  insertAccount(row: AccountRow): number;
  insertLine(row: LineRow): number;
  insertImpact(row: ImpactRow): void;
}

/** The demo generator writes through the feed import's repository, which owns these tables. */
export function prepareDatasetWriter(db: Database.Database): DatasetWriter {
  return {
    insertAccount: (row) => insertAccount(db, row),
    insertLine: (row) => insertLine(db, row),
    insertImpact: (row) => insertImpact(db, row),
  };
}

/** Inserts the outage unless one with its source id exists; returns its id either way. */
export function upsertOutage(db: Database.Database, outage: DemoOutage, updatedAt: string): number {
  return insertOutageUnlessExists(db, [
    outage.sourceId,
    outage.title,
    outage.startsAt,
    outage.endsAt,
    outage.cause,
    JSON.stringify(outage.services),
    outage.towersAffected,
    JSON.stringify(outage.regions),
    null,
    updatedAt,
  ]);
}
