import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 13: a credit the hub sends down carries the hub's idempotency key, which names the
 * account by the hub's id. A cache not loaded from the hub's snapshot (a demo seed, a feed
 * imported here) knows the account under another id, so the decision did not find the credit
 * under the key it builds and showed the account as eligible instead of already credited.
 * Since this build a hub credit is stored under this cache's key for it (keyForAccountId in
 * shared/domain/credit.ts); this step gives the hub credits stored before it the same: a per-
 * account key whose account id is not the credit's own account's takes that id, and keeps what
 * follows (outage, policy, a revision's or an override's suffix).
 *
 * Left as they are: a credit already in a billing export (its key has gone to billing, and
 * credits_exported_frozen forbids it), a line's key, and a key another credit here already
 * holds in this cache's ids (this desktop wrote its own credit for the subject first: the two
 * stay, visible, rather than one being dropped by a migration).
 */
const REKEY = `
UPDATE credits
SET idempotency_key = 'account:' || account_id || substr(idempotency_key, instr(idempotency_key, '|'))
WHERE idempotency_key GLOB 'account:[1-9]*|*'
  AND substr(idempotency_key, 9, instr(idempotency_key, '|') - 9) <> CAST(account_id AS TEXT)
  AND exported_batch_id IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM credits other
    WHERE other.idempotency_key = 'account:' || credits.account_id || substr(credits.idempotency_key, instr(credits.idempotency_key, '|'))
  );
`;

export const migration023HubCreditKeys: Migration = {
  version: 23,
  name: 'hub-credit-keys',
  up(db: Database.Database) {
    db.exec(REKEY);
  },
};
