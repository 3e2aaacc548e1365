import type { Migration } from '../migration';

/**
 * Issue 13: Germany's TKG section 58 (de-tkg-58-entschaedigung) is a statute the engine already
 * evaluates, for accounts in country DE billed in EUR. The hub's accounts allowed only US and
 * NL (migration 004), so a German account could not be kept at the hub, and neither the claim
 * nor the report that completes it could be re-checked there. EUR was already allowed.
 */
export const migration012: Migration = {
  version: 12,
  name: 'german-accounts',
  sql: `
ALTER TABLE accounts
  DROP CONSTRAINT accounts_country_check,
  ADD CONSTRAINT accounts_country_check CHECK (country IN ('US', 'NL', 'DE'));
`,
};
