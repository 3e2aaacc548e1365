import type { Migration } from '../migration';

/** One parent table and the (table, column) pairs that refer to its id. */
interface Parent {
  readonly table: string;
  readonly children: readonly { table: string; column: string }[];
}

const parents: readonly Parent[] = [
  { table: 'accounts', children: [{ table: 'lines', column: 'account_id' }, { table: 'outage_impacts', column: 'account_id' }, { table: 'credits', column: 'account_id' }] },
  { table: 'outages', children: [{ table: 'impacts', column: 'outage_id' }, { table: 'outage_impacts', column: 'outage_id' }, { table: 'credits', column: 'outage_id' }] },
  { table: 'lines', children: [{ table: 'impacts', column: 'line_id' }, { table: 'credits', column: 'line_id' }] },
  { table: 'credit_policies', children: [{ table: 'credits', column: 'policy_id' }] },
];

/** The child tables, each with the references it holds (column, parent). */
const children: readonly { table: string; references: readonly { column: string; parent: string }[]; onUpdate: boolean }[] = [
  { table: 'lines', references: [{ column: 'account_id', parent: 'accounts' }], onUpdate: true },
  { table: 'impacts', references: [{ column: 'outage_id', parent: 'outages' }, { column: 'line_id', parent: 'lines' }], onUpdate: true },
  { table: 'outage_impacts', references: [{ column: 'account_id', parent: 'accounts' }, { column: 'outage_id', parent: 'outages' }], onUpdate: true },
  // An update of credits that sets a reference (the credits feed) is checked row by row (credits_references_changed below).
  {
    table: 'credits',
    references: [{ column: 'account_id', parent: 'accounts' }, { column: 'outage_id', parent: 'outages' }, { column: 'line_id', parent: 'lines' }, { column: 'policy_id', parent: 'credit_policies' }],
    onUpdate: false,
  },
];

function childChecks(): string {
  return children
    .map(({ table, references, onUpdate }) => {
      const checks = references
        .map(
          ({ column, parent }) => `  SELECT n.${column} INTO missing FROM ocd_new_rows n
    WHERE n.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE p.id = n.${column}) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "${table}" violates a reference: no ${parent} row with id %', missing
      USING ERRCODE = 'foreign_key_violation', TABLE = '${table}', COLUMN = '${column}';
  END IF;`,
        )
        .join('\n');
      const triggers = [`CREATE TRIGGER ${table}_references_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS ocd_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ocd_${table}_references();`];
      if (onUpdate) {
        triggers.push(`CREATE TRIGGER ${table}_references_updated AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS ocd_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ocd_${table}_references();`);
      }
      return `${references.map(({ column }) => `ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_fkey;`).join('\n')}
CREATE FUNCTION ocd_${table}_references() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE missing bigint;
BEGIN
${checks}
  RETURN NULL;
END
$fn$;
${triggers.join('\n')}`;
    })
    .join('\n\n');
}

function parentChecks(): string {
  return parents
    .map(({ table, children: refs }) => {
      const childTables = [...new Set(refs.map((r) => r.table))];
      const checks = refs
        .map(
          ({ table: child, column }) => `  SELECT o.id INTO held FROM ocd_old_rows o WHERE EXISTS (SELECT 1 FROM ${child} c WHERE c.${column} = o.id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'delete on table "${table}" violates a reference: ${child}.${column} still refers to id %', held
      USING ERRCODE = 'foreign_key_violation', TABLE = '${child}', COLUMN = '${column}';
  END IF;`,
        )
        .join('\n');
      const anyChild = childTables.map((c) => `EXISTS (SELECT 1 FROM ${c})`).join(' OR ');
      return `CREATE FUNCTION ocd_${table}_lock_referrers() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  LOCK TABLE ${childTables.join(', ')} IN SHARE ROW EXCLUSIVE MODE;
  RETURN NULL;
END
$fn$;
CREATE FUNCTION ocd_${table}_still_referred() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE held bigint;
BEGIN
${checks}
  RETURN NULL;
END
$fn$;
CREATE FUNCTION ocd_${table}_truncate_referred() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF ${anyChild} THEN
    RAISE EXCEPTION 'truncate of table "${table}" while rows refer to it' USING ERRCODE = 'foreign_key_violation', TABLE = '${table}';
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER ${table}_lock_referrers BEFORE DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ocd_${table}_lock_referrers();
CREATE TRIGGER ${table}_still_referred AFTER DELETE ON ${table} REFERENCING OLD TABLE AS ocd_old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ocd_${table}_still_referred();
CREATE TRIGGER ${table}_truncate_referred BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ocd_${table}_truncate_referred();
CREATE TRIGGER ${table}_id_fixed BEFORE UPDATE OF id ON ${table} FOR EACH ROW EXECUTE FUNCTION ocd_id_fixed();`;
    })
    .join('\n\n');
}

/**
 * Issue 12, the bulk writes at the hub: the references of the rows a feed import and a policy
 * run write in bulk are checked once per statement, set-based, instead of once per row.
 *
 * A foreign key checks every inserted row by itself: an AFTER ROW trigger that runs a `SELECT
 * ... FOR KEY SHARE` of the referenced row, which also writes a lock into that row. That was
 * about 40 % of PostgreSQL's work per imported impact (docs/BENCHMARKS.md) and four checks per
 * credit of a policy run. Here the same rule holds, checked by the database for every writer:
 *
 * - child side (lines.account_id; impacts.outage_id and line_id; outage_impacts.account_id and
 *   outage_id; credits.account_id, outage_id, line_id and policy_id): an AFTER ... FOR EACH
 *   STATEMENT trigger with the statement's new rows as a transition table refuses the statement
 *   (23503 foreign_key_violation, nothing written) when one of them names a missing id; one
 *   anti-join per statement. An update of credits is checked by a row trigger on UPDATE OF its
 *   four references, which fires only for a statement that sets one (the credits feed) and
 *   looks up only a reference that changed, so the export marking a million credits checks
 *   nothing.
 * - parent side (accounts, outages, lines, credit_policies): ids never change (a row trigger
 *   on UPDATE OF id, which fires only when a statement sets id); a DELETE first locks the
 *   referring tables in SHARE ROW EXCLUSIVE mode (so it waits for writers that checked against
 *   the row it deletes, and they wait for it), then refuses when a row still refers to a
 *   deleted id; a TRUNCATE is refused while referring rows exist. The hub role may not DELETE
 *   from any of these parents: only the owner can, by hand.
 *
 * For a first load, the secondary indexes of accounts, lines and impacts (batch, account, number,
 * outage and line lookups; never a primary key or a unique key, which the merge needs) may be set
 * aside while the table is still empty and built once at the file's end, as the desktop's snapshot
 * load does: `ocd_set_aside_carrier_indexes(table)` records each index's definition in
 * carrier_indexes_set_aside and drops it (refused unless the table is empty; skipped when the table
 * cannot be locked within 2 s), and `ocd_restore_carrier_indexes()` builds every recorded one and
 * analyzes its table. Both run as the owner (SECURITY DEFINER, a fixed list of index names): the
 * hub role owns no table. The import restores at its start as well, so a run cut off between the
 * two leaves nothing missing after the next import starts.
 *
 * The other foreign keys (override requests, export lines, evidence, credits' override
 * request and export batch, which are null for a run's credits) stay declared.
 */
export const migration014: Migration = {
  version: 14,
  name: 'set-based-references',
  sql: `
CREATE FUNCTION ocd_id_fixed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id THEN
    RAISE EXCEPTION 'the id of a row of "%" never changes', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END
$fn$;

CREATE FUNCTION ocd_credits_references_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.account_id IS DISTINCT FROM OLD.account_id AND NEW.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts p WHERE p.id = NEW.account_id) THEN
    RAISE EXCEPTION 'insert or update on table "credits" violates a reference: no accounts row with id %', NEW.account_id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'credits', COLUMN = 'account_id';
  END IF;
  IF NEW.outage_id IS DISTINCT FROM OLD.outage_id AND NEW.outage_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outages p WHERE p.id = NEW.outage_id) THEN
    RAISE EXCEPTION 'insert or update on table "credits" violates a reference: no outages row with id %', NEW.outage_id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'credits', COLUMN = 'outage_id';
  END IF;
  IF NEW.line_id IS DISTINCT FROM OLD.line_id AND NEW.line_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM lines p WHERE p.id = NEW.line_id) THEN
    RAISE EXCEPTION 'insert or update on table "credits" violates a reference: no lines row with id %', NEW.line_id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'credits', COLUMN = 'line_id';
  END IF;
  IF NEW.policy_id IS DISTINCT FROM OLD.policy_id AND NEW.policy_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM credit_policies p WHERE p.id = NEW.policy_id) THEN
    RAISE EXCEPTION 'insert or update on table "credits" violates a reference: no credit_policies row with id %', NEW.policy_id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'credits', COLUMN = 'policy_id';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER credits_references_changed BEFORE UPDATE OF account_id, outage_id, line_id, policy_id ON credits
  FOR EACH ROW EXECUTE FUNCTION ocd_credits_references_changed();

${childChecks()}

${parentChecks()}

CREATE TABLE carrier_indexes_set_aside (
  name text PRIMARY KEY,
  table_name text NOT NULL,
  definition text NOT NULL
);
GRANT SELECT ON carrier_indexes_set_aside TO ocd_hub_app;

CREATE FUNCTION ocd_set_aside_carrier_indexes(target text) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  allowed text[];
  found_index record;
  empty boolean;
  n integer := 0;
BEGIN
  allowed := CASE target
    WHEN 'accounts' THEN ARRAY['accounts_carrier_batch']
    WHEN 'lines' THEN ARRAY['lines_account_id', 'lines_carrier_batch', 'lines_number_e164']
    WHEN 'impacts' THEN ARRAY['impacts_outage_line', 'impacts_line_id', 'impacts_carrier_batch']
  END;
  IF allowed IS NULL THEN
    RAISE EXCEPTION 'the indexes of % are never set aside', target USING ERRCODE = 'invalid_parameter_value';
  END IF;
  EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %I)', target) INTO empty;
  IF NOT empty THEN
    RETURN 0;
  END IF;
  BEGIN
    -- A reader holding the table (a snapshot being streamed) is not waited for long: the load then keeps its indexes.
    SET LOCAL lock_timeout = '2s';
    EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', target);
    FOR found_index IN
      SELECT c.relname AS name, pg_get_indexdef(c.oid) AS definition
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = target AND t.relnamespace = 'public'::regnamespace AND c.relname = ANY (allowed)
    LOOP
      INSERT INTO carrier_indexes_set_aside (name, table_name, definition) VALUES (found_index.name, target, found_index.definition);
      EXECUTE format('DROP INDEX %I', found_index.name);
      n := n + 1;
    END LOOP;
  EXCEPTION WHEN lock_not_available THEN
    RETURN 0;
  END;
  RETURN n;
END
$fn$;

CREATE FUNCTION ocd_restore_carrier_indexes() RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  kept record;
  tables text[] := '{}';
  n integer := 0;
BEGIN
  FOR kept IN SELECT name, table_name, definition FROM carrier_indexes_set_aside ORDER BY table_name, name FOR UPDATE LOOP
    EXECUTE kept.definition;
    DELETE FROM carrier_indexes_set_aside WHERE name = kept.name;
    tables := array_append(tables, kept.table_name);
    n := n + 1;
  END LOOP;
  FOR i IN 1 .. coalesce(array_length(tables, 1), 0) LOOP
    IF i = 1 OR tables[i] <> tables[i - 1] THEN
      EXECUTE format('ANALYZE %I', tables[i]);
    END IF;
  END LOOP;
  RETURN n;
END
$fn$;
REVOKE EXECUTE ON FUNCTION ocd_set_aside_carrier_indexes(text), ocd_restore_carrier_indexes() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ocd_set_aside_carrier_indexes(text), ocd_restore_carrier_indexes() TO ocd_hub_app;
`,
};
