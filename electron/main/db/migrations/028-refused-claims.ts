import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 13: a claim the hub refused no longer stands. It stays on record as what the customer
 * asked for (with the hub's reason in its outbox row), but it is not evidence in this desktop's
 * decisions and it must not block registering the case again. credit_claims allowed one claim
 * per account, outage and policy by a table UNIQUE, which SQLite cannot drop in place, so the
 * table is rebuilt (nothing refers to it) with `refused_at`, set once when the hub refuses the
 * claim (the no-update trigger still guards every other column, a second trigger guards this
 * one), and the uniqueness is kept for the claims that stand: a partial unique index. Claims
 * already refused (their last claim.register outbox row) are marked from that row.
 */
const SCHEMA = `
CREATE TABLE credit_claims_v28 (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  policy_code TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  interaction_ref TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES operators (id),
  credit_id TEXT REFERENCES credits (id),
  refused_at TEXT
) STRICT;
INSERT INTO credit_claims_v28 (id, account_id, outage_id, policy_code, claimed_at, interaction_ref, recorded_by, credit_id, refused_at)
  SELECT c.id, c.account_id, c.outage_id, c.policy_code, c.claimed_at, c.interaction_ref, c.recorded_by, c.credit_id,
    (SELECT ob.answered_at FROM hub_outbox ob WHERE ob.seq = (SELECT max(x.seq) FROM hub_outbox x WHERE x.request_id = c.id AND x.op = 'claim.register')
      AND ob.state = 'refused')
  FROM credit_claims c;
DROP TABLE credit_claims;
ALTER TABLE credit_claims_v28 RENAME TO credit_claims;
CREATE UNIQUE INDEX credit_claims_standing ON credit_claims (account_id, outage_id, policy_code) WHERE refused_at IS NULL;
CREATE INDEX credit_claims_account ON credit_claims (account_id, claimed_at);
CREATE TRIGGER credit_claims_no_update BEFORE UPDATE OF id, account_id, outage_id, policy_code, claimed_at, interaction_ref, recorded_by ON credit_claims BEGIN
  SELECT RAISE(ABORT, 'a registered claim is never changed');
END;
CREATE TRIGGER credit_claims_refused_once BEFORE UPDATE OF refused_at ON credit_claims WHEN old.refused_at IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'a refused claim stays refused');
END;
CREATE TRIGGER credit_claims_no_delete BEFORE DELETE ON credit_claims BEGIN
  SELECT RAISE(ABORT, 'a registered claim is never deleted');
END;
`;

export const migration028RefusedClaims: Migration = {
  version: 28,
  name: 'refused-claims',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
