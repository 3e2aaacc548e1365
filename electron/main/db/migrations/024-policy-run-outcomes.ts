import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 15: a policy run's breakdown by outcome (eligible, not eligible, already credited, needs
 * review) is stored with the run, updated in each chunk's transaction, so it survives a restart
 * and the policy-run screen shows it afterwards. NULL for runs recorded before this step: their
 * breakdown was kept in memory only and is not known.
 */
const SCHEMA = `
ALTER TABLE policy_runs ADD COLUMN outcome_eligible INTEGER CHECK (outcome_eligible >= 0);
ALTER TABLE policy_runs ADD COLUMN outcome_not_eligible INTEGER CHECK (outcome_not_eligible >= 0);
ALTER TABLE policy_runs ADD COLUMN outcome_already_credited INTEGER CHECK (outcome_already_credited >= 0);
ALTER TABLE policy_runs ADD COLUMN outcome_needs_review INTEGER CHECK (outcome_needs_review >= 0);
`;

export const migration024PolicyRunOutcomes: Migration = {
  version: 24,
  name: 'policy-run-outcomes',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
