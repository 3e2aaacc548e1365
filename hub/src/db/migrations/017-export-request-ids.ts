import type { Migration } from '../migration';

/**
 * Issue 12: a billing export request the desktop retries after its answer was lost. The
 * desktop names each "Export" with a request id of its own (`requestId`, shared/hub/billing-export.ts);
 * the batch it made keeps the id, and the same id asked again is answered with that batch's
 * file (the same bytes and sha256), not NOTHING_TO_EXPORT or a second batch. NULL for batches
 * made before this step or without an id. Unique: one id makes at most one batch.
 */
export const migration017: Migration = {
  version: 17,
  name: 'export-request-ids',
  sql: `
ALTER TABLE export_batches
  ADD COLUMN client_request_id text UNIQUE CHECK (client_request_id ~ '^[0-9A-Za-z_-]{16,64}$');
`,
};
