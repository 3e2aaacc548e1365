import type Database from 'better-sqlite3';
import type { DemoOutage } from './demo-outages';

/** Positional so the million-row loop builds no objects per row. */
export type AccountRow = [
  sourceId: string,
  accountNumber: string,
  holderName: string,
  nameFold: string,
  email: string,
  emailNorm: string,
  contactPhoneE164: string,
  brand: string,
  segment: string,
  paymentType: string,
  status: string,
  billCycleDay: number,
  currency: string,
  monthlyChargeMinor: number,
  country: string,
  region: string,
  postalCode: string,
  postalCodeNorm: string,
  preferredLanguage: string,
  updatedAt: string,
];

export type LineRow = [
  sourceId: string,
  accountId: number,
  numberE164: string,
  serviceType: string,
  monthlyRateMinor: number,
  status: string,
];

export type ImpactRow = [
  sourceId: string,
  outageId: number,
  lineId: number,
  startsAt: string,
  endsAt: string | null,
  lostMinutes: number | null,
  connectedAtStart: 0 | 1,
];

export interface DatasetWriter {
  insertAccount(row: AccountRow): number;
  insertLine(row: LineRow): number;
  insertImpact(row: ImpactRow): void;
}

export function prepareDatasetWriter(db: Database.Database): DatasetWriter {
  const account = db.prepare(
    `INSERT INTO accounts (source_id, account_number, holder_name, name_fold, email, email_norm,
       contact_phone_e164, brand, segment, payment_type, status, bill_cycle_day, currency,
       monthly_charge_minor, country, region, postal_code, postal_code_norm, preferred_language, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const line = db.prepare(
    `INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const impact = db.prepare(
    `INSERT INTO impacts (source_id, outage_id, line_id, starts_at, ends_at, lost_minutes, connected_at_start)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    insertAccount: (row) => Number(account.run(...row).lastInsertRowid),
    insertLine: (row) => Number(line.run(...row).lastInsertRowid),
    insertImpact: (row) => void impact.run(...row),
  };
}

/** Inserts the outage unless one with its source id exists; returns its id either way. */
export function upsertOutage(db: Database.Database, outage: DemoOutage, updatedAt: string): number {
  db.prepare(
    `INSERT INTO outages (source_id, title, starts_at, ends_at, cause, services_json, towers_affected, regions_json, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id) DO NOTHING`,
  ).run(
    outage.sourceId,
    outage.title,
    outage.startsAt,
    outage.endsAt,
    outage.cause,
    JSON.stringify(outage.services),
    outage.towersAffected,
    JSON.stringify(outage.regions),
    updatedAt,
  );
  return (db.prepare('SELECT id FROM outages WHERE source_id = ?').get(outage.sourceId) as { id: number }).id;
}

export function countRows(db: Database.Database, table: 'accounts' | 'lines' | 'impacts' | 'outages'): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
