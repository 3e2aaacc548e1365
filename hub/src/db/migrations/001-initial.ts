import type { Migration } from '../migration';

/**
 * The hub's system of record. Times are timestamptz (UTC on the wire), money integer minor
 * units with a currency. The hub's own login role is a member of `ocd_hub_app`, which may
 * only read and append the audit chain, the change log and the operation answers.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ocd_hub_app') THEN
    CREATE ROLE ocd_hub_app NOLOGIN;
  END IF;
END $$;

CREATE TABLE operators (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{1,64}$'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  password_hash text NOT NULL,
  locale text NOT NULL,
  time_zone text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL
);

CREATE TABLE desktops (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  label text NOT NULL,
  secret_hash text NOT NULL,
  enrolled_at timestamptz NOT NULL,
  last_seen_at timestamptz,
  revoked_at timestamptz,
  last_applied_seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  label text NOT NULL,
  created_by integer NOT NULL REFERENCES operators(id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  desktop_id uuid REFERENCES desktops(id)
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  operator_id integer NOT NULL REFERENCES operators(id),
  desktop_id uuid NOT NULL REFERENCES desktops(id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE accounts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_number text NOT NULL UNIQUE,
  holder_name text NOT NULL,
  currency text NOT NULL CHECK (currency IN ('USD', 'EUR')),
  region text NOT NULL,
  bill_cycle_day integer NOT NULL CHECK (bill_cycle_day BETWEEN 1 AND 28)
);

CREATE TABLE outages (
  id integer PRIMARY KEY,
  title text NOT NULL,
  starts_at timestamptz NOT NULL,
  regions text[] NOT NULL DEFAULT '{}',
  policy_code text
);

CREATE TABLE outage_impacts (
  account_id integer NOT NULL REFERENCES accounts(id),
  outage_id integer NOT NULL REFERENCES outages(id),
  PRIMARY KEY (account_id, outage_id)
);

CREATE TABLE override_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  per_request_cap_minor integer NOT NULL,
  agent_daily_total_minor integer NOT NULL,
  expiry_days integer NOT NULL
);
INSERT INTO override_settings VALUES (1, 5000, 20000, 7);

CREATE TABLE override_requests (
  id text PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts(id),
  outage_id integer NOT NULL REFERENCES outages(id),
  kind text NOT NULL CHECK (kind IN ('goodwill', 'adjust', 'reverse')),
  amount_minor integer NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL,
  reason_code text NOT NULL,
  justification text NOT NULL,
  interaction_ref text NOT NULL,
  requested_by integer NOT NULL REFERENCES operators(id),
  client_request_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'expired')),
  decided_by integer REFERENCES operators(id),
  decision_note text,
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  credit_id text,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (requested_by, client_request_id)
);
CREATE UNIQUE INDEX override_requests_one_open ON override_requests (account_id, outage_id) WHERE status = 'pending';
CREATE INDEX override_requests_requester_decided ON override_requests (requested_by, decided_at) WHERE status = 'approved';

CREATE TABLE credits (
  id text PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts(id),
  outage_id integer NOT NULL REFERENCES outages(id),
  policy_code text NOT NULL,
  amount_minor integer NOT NULL CHECK (amount_minor >= 0),
  currency text NOT NULL,
  source text NOT NULL CHECK (source IN ('automatic', 'override')),
  status text NOT NULL CHECK (status IN ('pending', 'scheduled', 'posted', 'reversed')),
  scheduled_on date NOT NULL,
  bill_date date NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  override_request_id text REFERENCES override_requests(id),
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX credits_account_outage ON credits (account_id, outage_id);

-- Positions are taken under a transaction-scoped advisory lock held to commit, so they
-- follow commit order and a reader's cursor never passes a change still to commit.
CREATE SEQUENCE change_position;
CREATE TABLE change_log (
  position bigint PRIMARY KEY,
  entity text NOT NULL,
  entity_id text NOT NULL,
  -- 'all', 'overseers' (supervisors and admins) or 'owner' (that operator and the overseers)
  audience text NOT NULL CHECK (audience IN ('all', 'overseers', 'owner')),
  owner_id integer REFERENCES operators(id),
  data jsonb NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE operations (
  desktop_id uuid NOT NULL REFERENCES desktops(id),
  seq bigint NOT NULL CHECK (seq > 0),
  op text NOT NULL,
  operator_id integer NOT NULL REFERENCES operators(id),
  status text NOT NULL CHECK (status IN ('accepted', 'refused')),
  answer jsonb NOT NULL,
  applied_at timestamptz NOT NULL,
  PRIMARY KEY (desktop_id, seq)
);

CREATE TABLE audit_events (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  operator_id integer REFERENCES operators(id),
  desktop_id uuid,
  action text NOT NULL,
  target text NOT NULL,
  before_json text,
  after_json text,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE SEQUENCE audit_seq;

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

GRANT USAGE ON SCHEMA public TO ocd_hub_app;
GRANT SELECT, INSERT, UPDATE ON operators, desktops, enrolment_codes, sessions, accounts, outages,
  outage_impacts, override_settings, override_requests, credits TO ocd_hub_app;
GRANT DELETE ON sessions TO ocd_hub_app;
GRANT SELECT, INSERT ON change_log, operations, audit_events TO ocd_hub_app;
GRANT USAGE, SELECT ON SEQUENCE change_position, audit_seq TO ocd_hub_app;
GRANT SELECT ON schema_migrations TO ocd_hub_app;
`,
};
