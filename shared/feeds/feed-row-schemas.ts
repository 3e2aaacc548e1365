import { z } from 'zod';
import {
  AccountNumber,
  AccountStatus,
  Brand,
  Country,
  Currency,
  LineStatus,
  PaymentType,
  Segment,
  ServiceType,
} from '../domain/account';
import { CreditSource, CreditStatus, PolicyCode } from '../domain/credit';
import { OutageCause } from '../domain/outage';
import { Policy } from '../policy/policy-schema';
import type { FeedEntity } from './feed-entities';

/**
 * One row of each feed, as the carrier's systems send it. Field names are the feeds'
 * (snake_case); rows refer to each other by the source system's ids. Every schema is
 * strict: a field the app does not know is refused, never silently dropped.
 * docs/FEEDS.md documents these and a test keeps the two equal.
 */

const SourceId = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/);
const Amount = z.int().min(0).max(1_000_000_000);
const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/);

/** An instant with `Z`, stored in one canonical form so that `08:45:00Z` and `08:45:00.000Z` compare equal. */
const Instant = z.iso
  .datetime()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a real instant')
  .transform((value) => new Date(Date.parse(value)).toISOString());
const CalendarDate = z.iso.date();

function notBefore(start: string, end: string | undefined): boolean {
  return end === undefined || end >= start;
}

export const AccountFeedRow = z.strictObject({
  source_id: SourceId,
  account_number: AccountNumber,
  holder_name: z.string().trim().min(1).max(200),
  email: z.string().max(254).optional(),
  contact_phone: E164.optional(),
  brand: Brand,
  segment: Segment,
  payment_type: PaymentType,
  status: AccountStatus,
  bill_cycle_day: z.int().min(1).max(28),
  currency: Currency,
  monthly_charge_minor: Amount,
  country: Country,
  region: z.string().min(1).max(16),
  postal_code: z.string().min(1).max(16),
  preferred_language: z.enum(['en', 'nl', 'es']).optional(),
});
export type AccountFeedRow = z.infer<typeof AccountFeedRow>;

export const LineFeedRow = z.strictObject({
  source_id: SourceId,
  account_source_id: SourceId,
  number_e164: E164,
  service_type: ServiceType,
  monthly_rate_minor: Amount,
  status: LineStatus,
});
export type LineFeedRow = z.infer<typeof LineFeedRow>;

export const OutageFeedRow = z
  .strictObject({
    source_id: SourceId,
    title: z.string().trim().min(1).max(200),
    starts_at: Instant,
    ends_at: Instant.optional(),
    cause: OutageCause,
    services: z.array(ServiceType),
    towers_affected: z.int().min(0).optional(),
    subscribers_affected: z.int().min(0).optional(),
    regions: z.array(z.string().min(1).max(16)),
  })
  .refine((row) => notBefore(row.starts_at, row.ends_at), { message: 'ends before it starts', path: ['ends_at'] });
export type OutageFeedRow = z.infer<typeof OutageFeedRow>;

export const ImpactFeedRow = z
  .strictObject({
    source_id: SourceId,
    outage_source_id: SourceId,
    line_source_id: SourceId,
    starts_at: Instant,
    ends_at: Instant.optional(),
    lost_minutes: z.int().min(0).optional(),
    connected_at_start: z.boolean(),
  })
  .refine((row) => notBefore(row.starts_at, row.ends_at), { message: 'ends before it starts', path: ['ends_at'] })
  .refine((row) => (row.ends_at === undefined) === (row.lost_minutes === undefined), {
    message: 'lost_minutes is given exactly when ends_at is',
    path: ['lost_minutes'],
  });
export type ImpactFeedRow = z.infer<typeof ImpactFeedRow>;

export const CreditPolicyFeedRow = z
  .strictObject({
    code: PolicyCode,
    version: z.int().min(1),
    outage_source_ids: z.array(SourceId).optional(),
    rules: Policy,
  })
  .refine((row) => row.rules.code === row.code && row.rules.version === row.version, {
    message: 'rules.code and rules.version differ from code and version',
    path: ['rules'],
  });
export type CreditPolicyFeedRow = z.infer<typeof CreditPolicyFeedRow>;

export const CreditFeedRow = z.strictObject({
  source_id: SourceId,
  account_source_id: SourceId,
  line_source_id: SourceId.optional(),
  outage_source_id: SourceId,
  policy_code: PolicyCode,
  policy_version: z.int().min(1),
  amount_minor: Amount,
  currency: Currency,
  source: CreditSource,
  status: CreditStatus,
  scheduled_on: CalendarDate.optional(),
  bill_date: CalendarDate.optional(),
  created_at: Instant,
});
export type CreditFeedRow = z.infer<typeof CreditFeedRow>;

export const feedRowSchemas = {
  accounts: AccountFeedRow,
  lines: LineFeedRow,
  outages: OutageFeedRow,
  impacts: ImpactFeedRow,
  credit_policies: CreditPolicyFeedRow,
  credits: CreditFeedRow,
} as const satisfies Record<FeedEntity, z.ZodType>;

export interface FeedRows {
  accounts: AccountFeedRow;
  lines: LineFeedRow;
  outages: OutageFeedRow;
  impacts: ImpactFeedRow;
  credit_policies: CreditPolicyFeedRow;
  credits: CreditFeedRow;
}

/** The key a row is upserted by; unique within a file. */
export function feedRowKey<E extends FeedEntity>(entity: E, row: FeedRows[E]): string {
  if (entity === 'credit_policies') {
    const policy = row as CreditPolicyFeedRow;
    return `${policy.code}@${policy.version}`;
  }
  return (row as { source_id: string }).source_id;
}

export function feedKeyField(entity: FeedEntity): string {
  return entity === 'credit_policies' ? 'code' : 'source_id';
}
