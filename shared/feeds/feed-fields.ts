import type { FeedEntity } from './feed-entities';
import { feedRowSchemas, type FeedRows } from './feed-row-schemas';

/**
 * How a field is written in a CSV cell. NDJSON carries JSON types itself; CSV is all text,
 * so each cell is converted by its kind before the row schema sees it.
 * - `text`: as is; `int`: digits with an optional minus; `bool`: true/false/1/0;
 * - `instant`: ISO-8601 UTC with Z; `date`: YYYY-MM-DD;
 * - `list`: values separated by `|`; `json`: a JSON document.
 */
export const fieldKinds = ['text', 'int', 'bool', 'instant', 'date', 'list', 'json'] as const;
export type FieldKind = (typeof fieldKinds)[number];

type KindsOf<E extends FeedEntity> = { readonly [K in keyof FeedRows[E]]-?: FieldKind };

const accounts: KindsOf<'accounts'> = {
  source_id: 'text',
  account_number: 'text',
  holder_name: 'text',
  email: 'text',
  contact_phone: 'text',
  brand: 'text',
  segment: 'text',
  payment_type: 'text',
  status: 'text',
  bill_cycle_day: 'int',
  currency: 'text',
  monthly_charge_minor: 'int',
  country: 'text',
  region: 'text',
  postal_code: 'text',
  preferred_language: 'text',
};
const lines: KindsOf<'lines'> = {
  source_id: 'text',
  account_source_id: 'text',
  number_e164: 'text',
  service_type: 'text',
  monthly_rate_minor: 'int',
  status: 'text',
};
const outages: KindsOf<'outages'> = {
  source_id: 'text',
  title: 'text',
  starts_at: 'instant',
  ends_at: 'instant',
  cause: 'text',
  services: 'list',
  towers_affected: 'int',
  subscribers_affected: 'int',
  regions: 'list',
};
const impacts: KindsOf<'impacts'> = {
  source_id: 'text',
  outage_source_id: 'text',
  line_source_id: 'text',
  starts_at: 'instant',
  ends_at: 'instant',
  lost_minutes: 'int',
  connected_at_start: 'bool',
};
const creditPolicies: KindsOf<'credit_policies'> = {
  code: 'text',
  version: 'int',
  outage_source_ids: 'list',
  rules: 'json',
};
const credits: KindsOf<'credits'> = {
  source_id: 'text',
  account_source_id: 'text',
  line_source_id: 'text',
  outage_source_id: 'text',
  policy_code: 'text',
  policy_version: 'int',
  amount_minor: 'int',
  currency: 'text',
  source: 'text',
  status: 'text',
  scheduled_on: 'date',
  bill_date: 'date',
  created_at: 'instant',
};

export const feedFieldKinds: { readonly [E in FeedEntity]: Readonly<Record<string, FieldKind>> } = {
  accounts,
  lines,
  outages,
  impacts,
  credit_policies: creditPolicies,
  credits,
};

export interface FeedField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
}

/** Every field of a feed, in the documented order, with whether a row must have it. */
export function feedFields(entity: FeedEntity): readonly FeedField[] {
  const shape = feedRowSchemas[entity].shape as Record<string, { isOptional(): boolean }>;
  return Object.entries(feedFieldKinds[entity]).map(([name, kind]) => ({
    name,
    kind,
    required: !(shape[name]?.isOptional() ?? true),
  }));
}
