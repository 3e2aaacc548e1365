import type { Migration } from '../migration';

/**
 * Issue 13: compensation in kind at the hub. A desktop's `override.submit` of kind `in_kind`
 * carries what is given and the customer's consent (how and when they agreed, captured by the
 * agent); the hub keeps them with the request, as the desktop does (desktop migration 010),
 * so the supervisor who decides on any desktop sees the consent record. A request is in kind
 * exactly when all three are present.
 */
export const migration009: Migration = {
  version: 9,
  name: 'in-kind-consent',
  sql: `
ALTER TABLE override_requests
  DROP CONSTRAINT override_requests_kind_check,
  ADD CONSTRAINT override_requests_kind_check CHECK (kind IN ('goodwill', 'adjust', 'reverse', 'in_kind')),
  ADD COLUMN in_kind_description text,
  ADD COLUMN consent_method text CHECK (consent_method IN ('verbal_on_call', 'sms', 'email', 'written')),
  ADD COLUMN consent_at timestamptz,
  ADD CONSTRAINT override_requests_in_kind_consent
    CHECK ((kind = 'in_kind') = (in_kind_description IS NOT NULL AND consent_method IS NOT NULL AND consent_at IS NOT NULL));
`,
};
