import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Reversal lines. Once a credit is in a posting file, billing has it: its amount and its
 * status never change again. Taking it back (an override that reverses or adjusts it) adds
 * a reversal line instead, a negative posting with its own key that names the credit, and
 * the next batch sends it, so what billing has received always adds up to what is owed.
 * A credit not exported yet is still simply marked reversed: billing never saw it.
 */
const SCHEMA = `
CREATE TABLE credit_reversals (
  id TEXT PRIMARY KEY,
  credit_id TEXT NOT NULL UNIQUE REFERENCES credits (id),
  -- What is taken back, as a positive amount; the posting file writes it negative.
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (currency IN ('USD', 'EUR')),
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  exported_batch_id INTEGER REFERENCES export_batches (id)
) STRICT;
CREATE INDEX credit_reversals_exported_batch ON credit_reversals (exported_batch_id);

CREATE TRIGGER credit_reversals_take_back_exported BEFORE INSERT ON credit_reversals
WHEN NOT EXISTS (
  SELECT 1 FROM credits c WHERE c.id = NEW.credit_id AND c.exported_batch_id IS NOT NULL
    AND c.status <> 'reversed' AND c.amount_minor = NEW.amount_minor AND c.currency = NEW.currency)
BEGIN
  SELECT RAISE(ABORT, 'a reversal line takes back an exported credit, in full');
END;

CREATE TRIGGER credit_reversals_exported_once BEFORE UPDATE ON credit_reversals
WHEN OLD.exported_batch_id IS NOT NULL
  OR (NEW.id, NEW.credit_id, NEW.amount_minor, NEW.currency, NEW.idempotency_key, NEW.created_at)
     IS NOT (OLD.id, OLD.credit_id, OLD.amount_minor, OLD.currency, OLD.idempotency_key, OLD.created_at)
BEGIN
  SELECT RAISE(ABORT, 'a reversal line is exported once and never changes');
END;

CREATE TRIGGER credit_reversals_kept BEFORE DELETE ON credit_reversals
BEGIN
  SELECT RAISE(ABORT, 'a reversal line is never deleted');
END;

-- Billing confirming a posting (scheduled to posted) is the one move an exported credit may make.
CREATE TRIGGER credits_exported_status_frozen BEFORE UPDATE OF status ON credits
WHEN OLD.exported_batch_id IS NOT NULL AND NEW.status IS NOT OLD.status
  AND NOT (OLD.status = 'scheduled' AND NEW.status = 'posted')
BEGIN
  SELECT RAISE(ABORT, 'an exported credit cannot change');
END;
`;

export const migration007CreditReversals: Migration = {
  version: 7,
  name: 'credit-reversals',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
