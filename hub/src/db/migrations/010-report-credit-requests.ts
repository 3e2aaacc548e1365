import type { Migration } from '../migration';

/**
 * Issue 13: a credit that rests only on the customer's fault report needs a supervisor's
 * approval, with the same four-eyes rule and limits as an override. With a hub the hub files
 * that request when it records the report (`fault_report.record`), as a desktop does on its
 * own (desktop migration 010): kind `report_credit`, with the report it rests on and the
 * policy whose credit it is. A request is a report credit exactly when both are present.
 */
export const migration010: Migration = {
  version: 10,
  name: 'report-credit-requests',
  sql: `
ALTER TABLE override_requests
  DROP CONSTRAINT override_requests_kind_check,
  ADD CONSTRAINT override_requests_kind_check CHECK (kind IN ('goodwill', 'adjust', 'reverse', 'in_kind', 'report_credit')),
  ADD COLUMN fault_report_id text REFERENCES fault_reports(id),
  ADD COLUMN policy_code text,
  ADD CONSTRAINT override_requests_report_credit CHECK ((kind = 'report_credit') = (fault_report_id IS NOT NULL AND policy_code IS NOT NULL));
`,
};
