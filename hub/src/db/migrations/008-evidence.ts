import type { Migration } from '../migration';

/**
 * Issue 13: the customer's own evidence is the hub's where the hub is configured. The tables
 * mirror the desktop's (desktop migration 010) and keep the desktop's ids, as override
 * requests do: a desktop records a report or a claim locally and files `fault_report.record`
 * or `claim.register` (shared/hub/evidence-operations.ts) in the same transaction.
 *
 * - fault_reports: recorded once, never changed; one per (recorded_by, client_request_id), so
 *   a retry of one draft from any desktop is the same report.
 * - credit_claims: one per (account, outage, policy), never changed except `credit_id`, the
 *   credit that followed it (set once).
 * The hub's role may read and insert both, and update only credit_claims.credit_id.
 */
export const migration008: Migration = {
  version: 8,
  name: 'evidence',
  sql: `
CREATE TABLE fault_reports (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 10 AND 64),
  account_id integer NOT NULL REFERENCES accounts(id),
  line_id bigint REFERENCES lines(id),
  outage_id integer NOT NULL REFERENCES outages(id),
  from_at timestamptz NOT NULL,
  to_at timestamptz,
  failed text[] NOT NULL CHECK (cardinality(failed) >= 1),
  note text NOT NULL,
  interaction_ref text NOT NULL,
  reported_at timestamptz NOT NULL,
  recorded_by integer NOT NULL REFERENCES operators(id),
  desktop_id uuid REFERENCES desktops(id),
  client_request_id uuid NOT NULL,
  CHECK (to_at IS NULL OR to_at >= from_at),
  UNIQUE (recorded_by, client_request_id)
);
CREATE INDEX fault_reports_account_outage ON fault_reports (account_id, outage_id, reported_at);

CREATE TABLE credit_claims (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 10 AND 64),
  account_id integer NOT NULL REFERENCES accounts(id),
  outage_id integer NOT NULL REFERENCES outages(id),
  policy_code text NOT NULL,
  claimed_at timestamptz NOT NULL,
  interaction_ref text NOT NULL,
  recorded_by integer NOT NULL REFERENCES operators(id),
  desktop_id uuid REFERENCES desktops(id),
  credit_id text REFERENCES credits(id),
  UNIQUE (account_id, outage_id, policy_code)
);

CREATE FUNCTION evidence_frozen() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_TABLE_NAME = 'credit_claims' AND TG_OP = 'UPDATE' AND OLD.credit_id IS NULL
     AND (NEW.id, NEW.account_id, NEW.outage_id, NEW.policy_code, NEW.claimed_at, NEW.interaction_ref, NEW.recorded_by)
       IS NOT DISTINCT FROM (OLD.id, OLD.account_id, OLD.outage_id, OLD.policy_code, OLD.claimed_at, OLD.interaction_ref, OLD.recorded_by) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is never changed (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
END
$fn$;
CREATE TRIGGER fault_reports_frozen BEFORE UPDATE OR DELETE ON fault_reports FOR EACH ROW EXECUTE FUNCTION evidence_frozen();
CREATE TRIGGER credit_claims_frozen BEFORE UPDATE OR DELETE ON credit_claims FOR EACH ROW EXECUTE FUNCTION evidence_frozen();

GRANT SELECT, INSERT ON fault_reports, credit_claims TO ocd_hub_app;
GRANT UPDATE (credit_id) ON credit_claims TO ocd_hub_app;
`,
};
