import type { Migration } from '../migration';

/**
 * Issue 10: a shared desktop asks for named override requests' latest changes back after an
 * operator switch (`requestViews`), and a replayed filing answers with its request's latest
 * position: both look one entity up in the log, which had only its position as a key.
 */
export const migration011: Migration = {
  version: 11,
  name: 'change-log-entity-index',
  sql: `CREATE INDEX change_log_entity ON change_log (entity, entity_id, position DESC);`,
};
