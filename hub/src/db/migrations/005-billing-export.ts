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
 * - export_batch_totals: a batch's per-currency sums, written with it.
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

-- No foreign keys on batch_id and credit_id: the lines are written by one statement that reads
-- them from the batch's credits (a million FK checks, each locking its credit, doubled the
-- insert's time), credits are never deleted (the hub's role may not), and batches neither.
CREATE TABLE export_lines (
  batch_id integer NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  credit_id text NOT NULL,
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
  -- Unique without an index of its own: a credit's key is unique in credits, a reversal's is the key plus '|reversal'.
  idempotency_key text NOT NULL,
  bill_date text,
  PRIMARY KEY (batch_id, position),
  UNIQUE (credit_id, kind),
  CHECK ((kind = 'reversal') = (source = 'reversal'))
);

-- Per batch and currency, the sum of its lines (reversal lines negative), written with the batch:
-- the list and every page of a file show them without summing a million lines again.
CREATE TABLE export_batch_totals (
  batch_id integer NOT NULL REFERENCES export_batches(id),
  currency text NOT NULL,
  amount_minor bigint NOT NULL,
  PRIMARY KEY (batch_id, currency)
);

-- Only the export sets a credit's batch: the index finds the reversed credits billing has.
CREATE INDEX credits_exported_reversed ON credits (exported_batch_id) WHERE status = 'reversed' AND exported_batch_id IS NOT NULL;

GRANT SELECT, INSERT ON credit_reversals, export_lines, export_batch_totals TO ocd_hub_app;
`,
};
