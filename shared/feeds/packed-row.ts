import { foldText } from '../domain/text';
import type { FeedEntity } from './feed-entities';
import type { FeedRows } from './feed-row-schemas';
import { feedRowHash } from './row-hash';
import { normalizePostalCode } from '../search/normalize-postal-code';

/*
 * A validated row in the form the writer binds, made where the row was checked (the parse
 * thread). The feeds that come by the million travel as flat value lists: a list is cheaper
 * to copy between threads than an object, whose every key is copied with it, and the folded
 * name and e-mail are worked out off the thread that writes. The rest travel as the row.
 */

/** Every account column but updated_at, which the writer stamps. */
export type PackedAccount = [
  sourceId: string, accountNumber: string, holderName: string, nameFold: string, email: string, emailNorm: string,
  contactPhone: string, brand: string, segment: string, paymentType: string, status: string, billCycleDay: number,
  currency: string, monthlyChargeMinor: number, country: string, region: string, postalCode: string,
  postalCodeNorm: string, preferredLanguage: string,
];
export type PackedLine = [
  sourceId: string, accountSourceId: string, numberE164: string, serviceType: string, monthlyRateMinor: number, status: string,
];
export type PackedImpact = [
  sourceId: string, outageSourceId: string, lineSourceId: string, startsAt: string, endsAt: string | null,
  lostMinutes: number | null, connectedAtStart: 0 | 1,
];

export interface PackedRows {
  accounts: PackedAccount;
  lines: PackedLine;
  impacts: PackedImpact;
  outages: FeedRows['outages'];
  credit_policies: FeedRows['credit_policies'];
  credits: FeedRows['credits'];
}

function packAccount(row: FeedRows['accounts']): PackedAccount {
  const email = row.email ?? '';
  return [
    row.source_id, row.account_number, row.holder_name, foldText(row.holder_name), email, foldText(email),
    row.contact_phone ?? '', row.brand, row.segment, row.payment_type, row.status, row.bill_cycle_day,
    row.currency, row.monthly_charge_minor, row.country, row.region, row.postal_code,
    normalizePostalCode(row.postal_code), row.preferred_language ?? 'en',
  ];
}

function packLine(row: FeedRows['lines']): PackedLine {
  return [row.source_id, row.account_source_id, row.number_e164, row.service_type, row.monthly_rate_minor, row.status];
}

function packImpact(row: FeedRows['impacts']): PackedImpact {
  return [
    row.source_id, row.outage_source_id, row.line_source_id, row.starts_at, row.ends_at ?? null, row.lost_minutes ?? null,
    row.connected_at_start ? 1 : 0,
  ];
}

/** The writer's form of a validated row of `entity`. */
export function packFeedRow<E extends FeedEntity>(entity: E, row: FeedRows[E]): PackedRows[E] {
  switch (entity) {
    case 'accounts':
      return packAccount(row as FeedRows['accounts']) as PackedRows[E];
    case 'lines':
      return packLine(row as FeedRows['lines']) as PackedRows[E];
    case 'impacts':
      return packImpact(row as FeedRows['impacts']) as PackedRows[E];
    default:
      return row as unknown as PackedRows[E];
  }
}

/** The entities whose rows carry a feed hash: the ones that come by the million. */
export type HashedEntity = 'accounts' | 'lines' | 'impacts';

export function isHashedEntity(entity: FeedEntity): entity is HashedEntity {
  return entity === 'accounts' || entity === 'lines' || entity === 'impacts';
}

/**
 * The feed hash of a packed row (shared/feeds/row-hash.ts): over the values the writer
 * binds, references by their source ids. Every packed form starts with the row's source id.
 */
export function packedRowHash(row: PackedRows[HashedEntity]): number {
  return feedRowHash(row);
}
