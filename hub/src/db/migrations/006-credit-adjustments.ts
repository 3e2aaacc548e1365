import type { Migration } from '../migration';

/**
 * Issue 12, the policy run at the hub: credits carry what the desktop's carry since its
 * migrations 006 and 011, so a run after an outage's revision writes the difference at the
 * hub exactly as a desktop did. `adjustment_reason` ('outage_revised') and `outage_revision`
 * mark a revision's difference (keyed `<base key>|rev:<revision>`, see
 * shared/policy/revision-adjustment.ts); only such a difference may be negative (a policy
 * that claws back), every other credit stays zero or more.
 */
export const migration006: Migration = {
  version: 6,
  name: 'credit-adjustments',
  sql: `
ALTER TABLE credits
  ADD COLUMN adjustment_reason text CHECK (adjustment_reason IS NULL OR adjustment_reason IN ('outage_revised')),
  ADD COLUMN outage_revision integer CHECK (outage_revision IS NULL OR outage_revision >= 1),
  DROP CONSTRAINT credits_amount_minor_check,
  ADD CONSTRAINT credits_amount_minor_check CHECK (amount_minor >= 0 OR adjustment_reason = 'outage_revised');
`,
};
