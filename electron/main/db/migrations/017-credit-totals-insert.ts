import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * The credit totals of migration 016 no longer count a new credit by trigger: an AFTER INSERT
 * trigger cost about 4x the CPU time of the insert itself (50,000 inserts: 0.3 s without, 1.3
 * s with; docs/BENCHMARKS.md, "Dashboard"), which a policy run writing 524,000 credits cannot
 * afford. The credit repository adds the credits it inserts to the totals in the same
 * transaction, one grouped statement per batch (electron/main/credits/credit-repo.ts,
 * addInsertedToTotals). Updates, deletes, reversal lines and region changes stay with their
 * triggers: they are rare and row by row.
 */
export const migration017CreditTotalsInsert: Migration = {
  version: 17,
  name: 'credit-totals-insert',
  up(db: Database.Database) {
    db.exec('DROP TRIGGER credit_totals_insert');
  },
};
