import type { Migration } from '../migration';

/**
 * Issue 15: a hub policy run's breakdown by outcome (eligible, not eligible, already credited,
 * needs review) is kept with the run, added to in each chunk's transaction, so it survives a
 * restart of the hub (as desktop migration 024 does on a desktop). NULL for runs recorded
 * before this step: their breakdown was kept in memory only and is not known.
 */
export const migration015: Migration = {
  version: 15,
  name: 'policy-run-outcomes',
  sql: `
ALTER TABLE policy_runs
  ADD COLUMN outcome_eligible integer CHECK (outcome_eligible >= 0),
  ADD COLUMN outcome_not_eligible integer CHECK (outcome_not_eligible >= 0),
  ADD COLUMN outcome_already_credited integer CHECK (outcome_already_credited >= 0),
  ADD COLUMN outcome_needs_review integer CHECK (outcome_needs_review >= 0);
`,
};
