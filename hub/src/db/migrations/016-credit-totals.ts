import type { Migration } from '../migration';

/**
 * Issue 15, the dashboard at the hub: credits per outage, account region, status and currency
 * were grouped one by one (500,000 credits: 455 ms in PostgreSQL, docs/BENCHMARKS.md "Dashboard at
 * the hub"). `credit_totals` holds one row per group, as the desktop's table of the same name
 * (desktop migration 016), kept by statement-level triggers with transition tables in the same
 * transaction as the write, whatever code path writes: one grouped upsert per INSERT, UPDATE or
 * DELETE statement on credits (a policy run's chunk or an import's merge is one statement, not
 * one trigger call per row), and per UPDATE of accounts that moves an account's region. The
 * status is the credits' own column (the hub marks a reversed credit there). A group whose count
 * falls to zero keeps its row with zeros; readers skip it. TRUNCATE of credits is not followed.
 * The hub's role writes the table only through the triggers it fires.
 */
const UPSERT = `ON CONFLICT (outage_id, region, status, currency) DO UPDATE
    SET count = t.count + excluded.count, amount_minor = t.amount_minor + excluded.amount_minor`;

export const migration016: Migration = {
  version: 16,
  name: 'credit-totals',
  sql: `
CREATE TABLE credit_totals (
  outage_id integer NOT NULL,
  region text NOT NULL,
  status text NOT NULL,
  currency text NOT NULL,
  count bigint NOT NULL,
  amount_minor bigint NOT NULL,
  PRIMARY KEY (outage_id, region, status, currency)
);
INSERT INTO credit_totals (outage_id, region, status, currency, count, amount_minor)
  SELECT c.outage_id, a.region, c.status, c.currency, count(*), sum(c.amount_minor)
  FROM credits c JOIN accounts a ON a.id = c.account_id GROUP BY 1, 2, 3, 4;

CREATE FUNCTION credit_totals_follow_credits() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO credit_totals AS t (outage_id, region, status, currency, count, amount_minor)
      SELECT o.outage_id, a.region, o.status, o.currency, -count(*), -sum(o.amount_minor)
      FROM old_rows o JOIN accounts a ON a.id = o.account_id GROUP BY 1, 2, 3, 4
      ${UPSERT};
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO credit_totals AS t (outage_id, region, status, currency, count, amount_minor)
      SELECT n.outage_id, a.region, n.status, n.currency, count(*), sum(n.amount_minor)
      FROM new_rows n JOIN accounts a ON a.id = n.account_id GROUP BY 1, 2, 3, 4
      ${UPSERT};
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER credit_totals_insert AFTER INSERT ON credits REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION credit_totals_follow_credits();
CREATE TRIGGER credit_totals_update AFTER UPDATE ON credits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION credit_totals_follow_credits();
CREATE TRIGGER credit_totals_delete AFTER DELETE ON credits REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION credit_totals_follow_credits();

-- An account moving region moves its credits' totals with it.
CREATE FUNCTION credit_totals_follow_regions() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO credit_totals AS t (outage_id, region, status, currency, count, amount_minor)
    SELECT c.outage_id, m.region, c.status, c.currency, sum(m.sign), sum(m.sign * c.amount_minor)
    FROM (SELECT o.id, o.region, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.region IS DISTINCT FROM o.region
          UNION ALL
          SELECT n.id, n.region, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.region IS DISTINCT FROM o.region) m
    JOIN credits c ON c.account_id = m.id
    GROUP BY 1, 2, 3, 4
    ${UPSERT};
  RETURN NULL;
END
$fn$;
CREATE TRIGGER credit_totals_account_region AFTER UPDATE ON accounts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION credit_totals_follow_regions();

GRANT SELECT, INSERT, UPDATE ON credit_totals TO ocd_hub_app;
`,
};
