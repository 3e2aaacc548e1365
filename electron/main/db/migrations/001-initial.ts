import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Conventions: STRICT tables; money as INTEGER minor units beside a currency column;
 * instants as ISO-8601 UTC text ('2024-02-22T08:45:00.000Z'); ids that desktops create
 * (credits, override requests, audit events) are ULID text so a later central store can
 * merge them. The *_norm / *_fold columns hold the searched form (shared/domain/text.ts
 * foldText, shared/search/normalize-postal-code.ts) and are written by whoever writes
 * the row, because SQLite cannot fold text the way the app does.
 */
const SCHEMA = `
CREATE TABLE operators (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  password_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until TEXT,
  locale TEXT NOT NULL DEFAULT 'en',
  time_zone TEXT NOT NULL DEFAULT 'America/Chicago',
  daily_override_limit_minor INTEGER NOT NULL DEFAULT 0 CHECK (daily_override_limit_minor >= 0),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  account_number TEXT NOT NULL CHECK (length(account_number) BETWEEN 9 AND 12 AND account_number NOT GLOB '*[^0-9]*'),
  holder_name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  email_norm TEXT NOT NULL DEFAULT '',
  contact_phone_e164 TEXT NOT NULL DEFAULT '',
  brand TEXT NOT NULL CHECK (brand IN ('att', 'cricket')),
  segment TEXT NOT NULL CHECK (segment IN ('consumer', 'business')),
  payment_type TEXT NOT NULL CHECK (payment_type IN ('postpaid', 'prepaid')),
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'closed')),
  bill_cycle_day INTEGER NOT NULL CHECK (bill_cycle_day BETWEEN 1 AND 28),
  currency TEXT NOT NULL CHECK (currency IN ('USD', 'EUR')),
  monthly_charge_minor INTEGER NOT NULL CHECK (monthly_charge_minor >= 0),
  country TEXT NOT NULL CHECK (country IN ('US', 'NL')),
  region TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  postal_code_norm TEXT NOT NULL,
  preferred_language TEXT NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'nl', 'es')),
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX accounts_source_id ON accounts (source_id);
CREATE UNIQUE INDEX accounts_account_number ON accounts (account_number);
CREATE INDEX accounts_email_norm ON accounts (email_norm);
CREATE INDEX accounts_postal_code_norm ON accounts (postal_code_norm);
CREATE INDEX accounts_contact_phone ON accounts (contact_phone_e164);

-- Names are found by prefix of any word, accents ignored. External content keeps one copy
-- of the text; the triggers below keep the index in step with every write. A prefix query
-- with no prefix index of its length makes FTS5 merge every matching doclist in memory
-- (0.5-1 ms for a common surname on 1M accounts); with an index it streams and stops at
-- LIMIT. Indexes for 1 to 10 characters cost about 17 MB on 1M accounts; longer tokens
-- are searched by their first 10 characters (shared/search/classify-query.ts).
CREATE VIRTUAL TABLE accounts_fts USING fts5(
  name_fold,
  content = 'accounts',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4 5 6 7 8 9 10'
);
CREATE TRIGGER accounts_fts_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO accounts_fts (rowid, name_fold) VALUES (new.id, new.name_fold);
END;
CREATE TRIGGER accounts_fts_delete AFTER DELETE ON accounts BEGIN
  INSERT INTO accounts_fts (accounts_fts, rowid, name_fold) VALUES ('delete', old.id, old.name_fold);
END;
CREATE TRIGGER accounts_fts_update AFTER UPDATE OF name_fold ON accounts BEGIN
  INSERT INTO accounts_fts (accounts_fts, rowid, name_fold) VALUES ('delete', old.id, old.name_fold);
  INSERT INTO accounts_fts (rowid, name_fold) VALUES (new.id, new.name_fold);
END;

CREATE TABLE lines (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  number_e164 TEXT NOT NULL CHECK (number_e164 GLOB '+[1-9]*' AND length(number_e164) BETWEEN 8 AND 16),
  service_type TEXT NOT NULL CHECK (service_type IN ('wireless_voice', 'wireless_data', 'home_internet', 'fixed_voice')),
  monthly_rate_minor INTEGER NOT NULL CHECK (monthly_rate_minor >= 0),
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'closed'))
) STRICT;
CREATE UNIQUE INDEX lines_source_id ON lines (source_id);
CREATE INDEX lines_number_e164 ON lines (number_e164, account_id);
CREATE INDEX lines_account_id ON lines (account_id);

CREATE TABLE outages (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT CHECK (ends_at IS NULL OR ends_at >= starts_at),
  cause TEXT NOT NULL CHECK (cause IN ('network_change', 'equipment', 'natural_disaster', 'weather', 'third_party', 'power', 'cyberattack', 'planned_works')),
  services_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(services_json)),
  towers_affected INTEGER NOT NULL DEFAULT 0 CHECK (towers_affected >= 0),
  regions_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(regions_json)),
  updated_at TEXT NOT NULL
) STRICT;

-- lost_minutes is consecutive minutes without service; unknown (NULL) only while the
-- impact has not ended.
CREATE TABLE impacts (
  id INTEGER PRIMARY KEY,
  source_id TEXT NOT NULL,
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  line_id INTEGER NOT NULL REFERENCES lines (id),
  starts_at TEXT NOT NULL,
  ends_at TEXT CHECK (ends_at IS NULL OR ends_at >= starts_at),
  lost_minutes INTEGER CHECK (lost_minutes >= 0),
  connected_at_start INTEGER NOT NULL CHECK (connected_at_start IN (0, 1)),
  CHECK ((ends_at IS NULL) = (lost_minutes IS NULL))
) STRICT;
CREATE UNIQUE INDEX impacts_source_id ON impacts (source_id);
CREATE INDEX impacts_line_id ON impacts (line_id);
CREATE INDEX impacts_outage_id ON impacts (outage_id);

CREATE TABLE credit_policies (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  rules_json TEXT NOT NULL CHECK (json_valid(rules_json)),
  UNIQUE (code, version)
) STRICT;

CREATE TABLE outage_policies (
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  policy_id INTEGER NOT NULL REFERENCES credit_policies (id),
  PRIMARY KEY (outage_id, policy_id)
) STRICT;
CREATE INDEX outage_policies_policy_id ON outage_policies (policy_id);

CREATE TABLE credits (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  line_id INTEGER REFERENCES lines (id),
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  policy_id INTEGER NOT NULL REFERENCES credit_policies (id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency TEXT NOT NULL CHECK (currency IN ('USD', 'EUR')),
  source TEXT NOT NULL CHECK (source IN ('automatic', 'override')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'scheduled', 'posted', 'reversed')),
  scheduled_on TEXT,
  bill_date TEXT,
  idempotency_key TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX credits_account_id ON credits (account_id);
CREATE INDEX credits_outage_id ON credits (outage_id, status);

CREATE TABLE override_requests (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  kind TEXT NOT NULL CHECK (kind IN ('goodwill', 'adjust', 'reverse')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency TEXT NOT NULL CHECK (currency IN ('USD', 'EUR')),
  reason_code TEXT NOT NULL,
  justification TEXT NOT NULL,
  interaction_ref TEXT NOT NULL,
  requested_by INTEGER NOT NULL REFERENCES operators (id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'expired')),
  decided_by INTEGER REFERENCES operators (id),
  decision_note TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK (decided_by IS NULL OR decided_by <> requested_by)
) STRICT;
CREATE INDEX override_requests_account_outage ON override_requests (account_id, outage_id);
CREATE INDEX override_requests_status_created ON override_requests (status, created_at);
CREATE INDEX override_requests_requested_by ON override_requests (requested_by, created_at);

-- Append-only and hash-chained: each row's hash covers its content and prev_hash.
CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  operator_id INTEGER REFERENCES operators (id),
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
  after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
) STRICT;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
`;

export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
