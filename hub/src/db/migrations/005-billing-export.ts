import type { Migration } from '../migration';

/**
 * Billing export at the hub (issue 12). export_batches (migration 004) numbers the batches;
 * this adds what a batch holds, frozen when it is made, so fetching batch N again gives the
 * same bytes whatever later feeds change (an account number, a policy's version):
 *
 * - export_lines: a batch's posting lines, numbered in file order, with every column the
 *   posting file writes. `UNIQUE (credit_id, kind)`: a credit is in one batch, and its
 *   reversal line in one batch, whatever the code above does. The hub's role may only read
 *   and insert them.
 * - credit_reversals: the desktop's table of the same name (desktop migration 007): the line
 *   that takes back a credit billing already has. At the hub an override marks the credit
 *   reversed (status); the next batch finds an exported, reversed credit without a reversal
 *   and writes its reversal (the credit's amount here, negated in the file, key
 *   `<key>|reversal`) into that batch, once. Never updated or deleted.
 */
export const migration005: Migration = {
  version: 5,
  name: 'billing-export',
  sql: `
CREATE TABLE credit_reversals (
  id text PRIMARY KEY,
  credit_id text NOT NULL UNIQUE REFERENCES credits(id),
  -- The credit's amount as billing got it: negative for a revision's claw-back (migration 006).
  amount_minor integer NOT NULL,
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  idempotency_key text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  exported_batch_id integer NOT NULL REFERENCES export_batches(id)
);
CREATE INDEX credit_reversals_exported_batch ON credit_reversals (exported_batch_id);

CREATE TABLE export_lines (
  batch_id integer NOT NULL REFERENCES export_batches(id),
  position integer NOT NULL CHECK (position >= 1),
  credit_id text NOT NULL REFERENCES credits(id),
  kind text NOT NULL CHECK (kind IN ('credit', 'reversal')),
  account_number text NOT NULL,
  line_number text,
  amount_minor bigint NOT NULL,
  currency text NOT NULL,
  source text NOT NULL CHECK (source IN ('automatic', 'override', 'reversal')),
  override_reason text,
  outage_source_id text NOT NULL,
  policy_code text NOT NULL,
  policy_version integer NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  bill_date text,
  PRIMARY KEY (batch_id, position),
  UNIQUE (credit_id, kind),
  CHECK ((kind = 'reversal') = (source = 'reversal'))
);

-- Only the export sets a credit's batch: the index finds the reversed credits billing has.
CREATE INDEX credits_exported_reversed ON credits (exported_batch_id) WHERE status = 'reversed' AND exported_batch_id IS NOT NULL;

GRANT SELECT, INSERT ON credit_reversals, export_lines TO ocd_hub_app;
`,
};
