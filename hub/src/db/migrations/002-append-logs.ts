import type { Migration } from '../migration';

/**
 * One round trip for everything a transaction appends to the audit chain and the change log:
 * `ocd_append_logs` takes the log lock, reads the chain's head, chains and inserts the audit
 * events, inserts the changes and queues one notification with the new head. The lock is held
 * to commit as before (positions and seqs follow commit order); what changes is that the
 * transaction now takes it at its very end, instead of for a dozen round trips. An
 * operation sends this call and its COMMIT in one message (`LogBatch.commit`), with its
 * answer to store, so the lock is held for the function and the commit's WAL flush only,
 * never across a round trip to the hub.
 *
 * Each audit element carries its canonical JSON split around its seq (`hashHead`, `hashTail`),
 * prepared by the hub (hub/src/logs/audit-hash.ts), so the hash is the one the hub has always
 * computed and verifies: sha256(prev_hash || canonical JSON of the event).
 */
export const migration002: Migration = {
  version: 2,
  name: 'append-logs',
  sql: `
CREATE FUNCTION ocd_append_logs(audit jsonb, changes jsonb, lock_key bigint, channel text, answer jsonb DEFAULT NULL)
RETURNS TABLE (audit_seqs bigint[], positions bigint[]) LANGUAGE plpgsql AS $fn$
DECLARE
  prev text;
  event jsonb;
  entry jsonb;
  next_seq bigint;
  next_hash text;
  next_position bigint;
  seqs bigint[] := '{}';
  taken bigint[] := '{}';
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  IF jsonb_array_length(audit) > 0 THEN
    SELECT e.hash INTO prev FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
    prev := coalesce(prev, repeat('0', 64));
    FOR event IN SELECT value FROM jsonb_array_elements(audit) LOOP
      next_seq := nextval('audit_seq');
      next_hash := encode(sha256(convert_to(prev || (event->>'hashHead') || next_seq::text || (event->>'hashTail'), 'UTF8')), 'hex');
      INSERT INTO audit_events (seq, at, operator_id, desktop_id, action, target, before_json, after_json, prev_hash, hash)
      VALUES (next_seq, (event->>'at')::timestamptz, (event->>'operatorId')::integer, (event->>'desktopId')::uuid,
        event->>'action', event->>'target', event->>'before', event->>'after', prev, next_hash);
      prev := next_hash;
      seqs := seqs || next_seq;
    END LOOP;
  END IF;
  FOR entry IN SELECT value FROM jsonb_array_elements(changes) LOOP
    next_position := nextval('change_position');
    INSERT INTO change_log (position, entity, entity_id, audience, owner_id, data)
    VALUES (next_position, entry->>'entity', entry->>'entityId', entry->>'audience', (entry->>'ownerId')::integer, entry->'data');
    taken := taken || next_position;
  END LOOP;
  IF next_position IS NOT NULL THEN
    PERFORM pg_notify(channel, next_position::text);
  END IF;
  -- An operation's answer, with the position of the change it names (positionOf, 0-based).
  IF answer IS NOT NULL THEN
    INSERT INTO operations (desktop_id, seq, op, operator_id, status, answer, applied_at)
    VALUES ((answer->>'desktopId')::uuid, (answer->>'seq')::bigint, answer->>'op', (answer->>'operatorId')::integer, answer->>'status',
      CASE WHEN (answer->>'positionOf') IS NULL THEN answer->'answer'
        ELSE (answer->'answer') || jsonb_build_object('position', taken[(answer->>'positionOf')::integer + 1]) END,
      (answer->>'appliedAt')::timestamptz);
  END IF;
  RETURN QUERY SELECT seqs, taken;
END
$fn$;
GRANT EXECUTE ON FUNCTION ocd_append_logs(jsonb, jsonb, bigint, text, jsonb) TO ocd_hub_app;
`,
};
