import type { Migration } from '../migration';

/**
 * Issue 12: the carrier's data lives at the hub, imported once for the whole site. The tables
 * mirror the desktop cache's (electron/main/db/migrations/001, 002, 006, 015) so a snapshot
 * or a change moves between them column for column; rows are keyed by the source system's
 * id (`source_id`) and by the hub's own id, which desktops take over as their local id.
 *
 * - accounts and outages existed with the few columns the override rules needed; they gain the
 *   feed's other columns, with defaults that keep rows made before this migration valid.
 *   Outage ids become hub-assigned (a sequence), as imported outages have none of their own.
 * - lines, impacts, credit_policies and outage_policies are new. `outage_impacts` (per account)
 *   stays the override rules' question "did this outage touch this account"; the import keeps
 *   it in step with impacts.
 * - `feed_hash` is the shared row hash (shared/feeds/row-hash.ts): a re-import of an unchanged
 *   row compares one number and writes nothing.
 * - import_runs / import_run_files / import_rejections record each import at the hub as the
 *   desktop's do (counts committed with the rows they count, every rejected row kept).
 * - policy_runs records each automatic policy run at the hub; export_batches numbers the
 *   billing batches made at the hub; credits.exported_batch_id marks a credit's one batch.
 * - `carrier_batch` on every carrier row and on credits: desktops follow carrier data by batch,
 *   not by one change-log entry per row. A job that writes carrier rows (an import's merge, a
 *   policy run's chunk) takes a number from `carrier_batch_seq`, stamps every row it inserts or
 *   updates with it, and appends ONE change-log entry (entity `carrier_batch`, audience `all`,
 *   data `{batch, tables}`) in the same transaction, through ocd_append_logs at its end as
 *   operations do (the log lock is never held across the merge). A desktop that sees the entry
 *   reads that batch's rows page by page (by id); a row changed again later carries the later
 *   batch, which is also later in the log. A snapshot is every row visible in one REPEATABLE READ
 *   transaction together with the log's head read in it; the desktop then follows from that
 *   head. 0 means "made before batches" (fixtures, the demo seed).
 * - integration_tokens holds the phone system's per-integration tokens (hash only) for
 *   screen-pop; an admin creates and revokes them.
 */
export const migration004: Migration = {
  version: 4,
  name: 'carrier-data',
  sql: `
ALTER TABLE accounts
  ADD COLUMN source_id text UNIQUE CHECK (source_id IS NULL OR length(source_id) BETWEEN 1 AND 64),
  ADD COLUMN email text NOT NULL DEFAULT '',
  ADD COLUMN contact_phone_e164 text NOT NULL DEFAULT '',
  ADD COLUMN brand text NOT NULL DEFAULT 'att' CHECK (brand IN ('att', 'cricket')),
  ADD COLUMN segment text NOT NULL DEFAULT 'consumer' CHECK (segment IN ('consumer', 'business')),
  ADD COLUMN payment_type text NOT NULL DEFAULT 'postpaid' CHECK (payment_type IN ('postpaid', 'prepaid')),
  ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  ADD COLUMN monthly_charge_minor bigint NOT NULL DEFAULT 0 CHECK (monthly_charge_minor >= 0),
  ADD COLUMN country text NOT NULL DEFAULT 'US' CHECK (country IN ('US', 'NL')),
  ADD COLUMN postal_code text NOT NULL DEFAULT '',
  ADD COLUMN preferred_language text NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'nl', 'es')),
  ADD COLUMN feed_hash bigint,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN carrier_batch bigint NOT NULL DEFAULT 0;
CREATE INDEX accounts_carrier_batch ON accounts (carrier_batch, id);
ALTER TABLE accounts ADD CONSTRAINT accounts_number_digits CHECK (account_number ~ '^[0-9]{9,12}$') NOT VALID;

CREATE SEQUENCE carrier_batch_seq;
CREATE SEQUENCE outages_id_seq OWNED BY outages.id;
SELECT setval('outages_id_seq', GREATEST((SELECT max(id) FROM outages), 0) + 1, false);
ALTER TABLE outages
  ALTER COLUMN id SET DEFAULT nextval('outages_id_seq'),
  ADD COLUMN source_id text UNIQUE CHECK (source_id IS NULL OR length(source_id) BETWEEN 1 AND 64),
  ADD COLUMN ends_at timestamptz,
  ADD COLUMN cause text NOT NULL DEFAULT 'equipment' CHECK (cause IN ('network_change', 'equipment', 'natural_disaster', 'weather', 'third_party', 'power', 'cyberattack', 'planned_works')),
  ADD COLUMN services text[] NOT NULL DEFAULT '{}',
  ADD COLUMN towers_affected integer NOT NULL DEFAULT 0 CHECK (towers_affected >= 0),
  ADD COLUMN subscribers_affected integer CHECK (subscribers_affected IS NULL OR subscribers_affected >= 0),
  ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  ADD COLUMN feed_hash bigint,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN carrier_batch bigint NOT NULL DEFAULT 0,
  ADD CONSTRAINT outages_ends_after_start CHECK (ends_at IS NULL OR ends_at >= starts_at);

CREATE TABLE lines (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  source_id text NOT NULL UNIQUE CHECK (length(source_id) BETWEEN 1 AND 64),
  account_id integer NOT NULL REFERENCES accounts(id),
  number_e164 text NOT NULL CHECK (number_e164 ~ '^\\+[1-9][0-9]{6,14}$'),
  service_type text NOT NULL CHECK (service_type IN ('wireless_voice', 'wireless_data', 'home_internet', 'fixed_voice')),
  monthly_rate_minor bigint NOT NULL CHECK (monthly_rate_minor >= 0),
  status text NOT NULL CHECK (status IN ('active', 'suspended', 'closed')),
  feed_hash bigint,
  carrier_batch bigint NOT NULL DEFAULT 0
);
CREATE INDEX lines_account_id ON lines (account_id);
CREATE INDEX lines_carrier_batch ON lines (carrier_batch, id);
CREATE INDEX lines_number_e164 ON lines (number_e164);

CREATE TABLE impacts (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  source_id text NOT NULL UNIQUE CHECK (length(source_id) BETWEEN 1 AND 64),
  outage_id integer NOT NULL REFERENCES outages(id),
  line_id bigint NOT NULL REFERENCES lines(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  lost_minutes integer CHECK (lost_minutes >= 0),
  connected_at_start boolean NOT NULL,
  feed_hash bigint,
  carrier_batch bigint NOT NULL DEFAULT 0,
  CHECK (ends_at IS NULL OR ends_at >= starts_at),
  CHECK ((ends_at IS NULL) = (lost_minutes IS NULL))
);
CREATE INDEX impacts_outage_line ON impacts (outage_id, line_id);
CREATE INDEX impacts_line_id ON impacts (line_id);
CREATE INDEX impacts_carrier_batch ON impacts (carrier_batch, id);

CREATE TABLE credit_policies (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  rules jsonb NOT NULL,
  feed_hash bigint,
  carrier_batch bigint NOT NULL DEFAULT 0,
  UNIQUE (code, version)
);

CREATE TABLE outage_policies (
  outage_id integer NOT NULL REFERENCES outages(id),
  policy_id integer NOT NULL REFERENCES credit_policies(id),
  carrier_batch bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (outage_id, policy_id)
);
CREATE INDEX outage_policies_policy_id ON outage_policies (policy_id);

CREATE TABLE import_runs (
  id uuid PRIMARY KEY,
  started_by integer REFERENCES operators(id),
  desktop_id uuid REFERENCES desktops(id),
  origin text NOT NULL CHECK (origin IN ('desktop', 'command_line')),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  state text NOT NULL CHECK (state IN ('checking', 'importing', 'done', 'cancelled', 'refused', 'failed'))
);
CREATE INDEX import_runs_started_at ON import_runs (started_at);

CREATE TABLE import_run_files (
  run_id uuid NOT NULL REFERENCES import_runs(id),
  position integer NOT NULL CHECK (position >= 0),
  file_name text NOT NULL,
  entity text NOT NULL CHECK (entity IN ('accounts', 'lines', 'outages', 'impacts', 'credit_policies', 'credits')),
  format text NOT NULL CHECK (format IN ('ndjson', 'csv')),
  rows_total integer NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
  rows_done integer NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
  inserted integer NOT NULL DEFAULT 0 CHECK (inserted >= 0),
  updated integer NOT NULL DEFAULT 0 CHECK (updated >= 0),
  unchanged integer NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
  rejected integer NOT NULL DEFAULT 0 CHECK (rejected >= 0),
  problem text,
  problem_line integer,
  problem_detail text,
  PRIMARY KEY (run_id, position)
);

CREATE TABLE import_rejections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES import_runs(id),
  position integer NOT NULL,
  line integer NOT NULL CHECK (line >= 1),
  field text NOT NULL,
  reason text NOT NULL,
  detail text NOT NULL
);
CREATE INDEX import_rejections_run ON import_rejections (run_id, position, line);

CREATE TABLE policy_runs (
  id uuid PRIMARY KEY,
  outage_id integer NOT NULL REFERENCES outages(id),
  policy_id integer NOT NULL REFERENCES credit_policies(id),
  started_by integer REFERENCES operators(id),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  state text NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
  accounts_done integer NOT NULL DEFAULT 0 CHECK (accounts_done >= 0),
  accounts_total integer NOT NULL CHECK (accounts_total >= 0),
  credits_written integer NOT NULL DEFAULT 0 CHECK (credits_written >= 0)
);
CREATE INDEX policy_runs_outage ON policy_runs (outage_id, started_at);

CREATE TABLE export_batches (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz NOT NULL,
  created_by integer REFERENCES operators(id),
  credit_count integer NOT NULL CHECK (credit_count > 0),
  file_name text NOT NULL UNIQUE,
  sha256 text NOT NULL
);

ALTER TABLE credits
  ADD COLUMN line_id bigint REFERENCES lines(id),
  ADD COLUMN policy_id integer REFERENCES credit_policies(id),
  ADD COLUMN exported_batch_id integer REFERENCES export_batches(id),
  ADD COLUMN carrier_batch bigint NOT NULL DEFAULT 0;
CREATE INDEX credits_carrier_batch ON credits (carrier_batch, id);
CREATE INDEX credits_outage_account ON credits (outage_id, account_id);
CREATE INDEX credits_unexported ON credits (id) WHERE exported_batch_id IS NULL;

CREATE FUNCTION credits_exported_frozen() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF OLD.exported_batch_id IS NOT NULL AND (
    NEW.exported_batch_id IS DISTINCT FROM OLD.exported_batch_id OR NEW.account_id <> OLD.account_id
    OR NEW.outage_id <> OLD.outage_id OR NEW.amount_minor <> OLD.amount_minor OR NEW.currency <> OLD.currency
    OR NEW.bill_date <> OLD.bill_date OR NEW.idempotency_key <> OLD.idempotency_key) THEN
    RAISE EXCEPTION 'an exported credit cannot change (credit %)', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER credits_exported_frozen BEFORE UPDATE ON credits
  FOR EACH ROW EXECUTE FUNCTION credits_exported_frozen();

CREATE TABLE integration_tokens (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
  token_hash text NOT NULL UNIQUE,
  created_by integer NOT NULL REFERENCES operators(id),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by integer REFERENCES operators(id)
);

GRANT SELECT, INSERT, UPDATE ON lines, impacts, credit_policies, outage_policies, import_runs,
  import_run_files, import_rejections, policy_runs, export_batches, integration_tokens TO ocd_hub_app;
GRANT DELETE ON outage_policies, outage_impacts TO ocd_hub_app;
GRANT USAGE, SELECT ON SEQUENCE outages_id_seq, carrier_batch_seq TO ocd_hub_app;
`,
};
