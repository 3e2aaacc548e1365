import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 15, the dashboard's work per refresh: the overrides filed in the last 14 site days (the
 * heaviest query of a load, a group of up to 10,000 rows) depend only on the requests' filing
 * facts (when, by whom, why, currency, amount) and the agents' names, not on their status. A
 * decision or an expiry, the usual cause of a refresh, changes none of them. This counter moves
 * with every change that could (a request inserted or deleted, one of those columns updated, an
 * operator renamed), by trigger, in the writer's own transaction and whichever connection or
 * code path writes; the dashboard keeps the last grouped rows per window and reads them again
 * only when the counter moved (electron/main/dashboard/dashboard-queries.ts). A later migration
 * that rebuilds override_requests or operators must create these triggers again.
 */
const BUMP = 'UPDATE dashboard_filed_version SET version = version + 1 WHERE id = 1;';

const SCHEMA = `
CREATE TABLE dashboard_filed_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO dashboard_filed_version (id, version) VALUES (1, 0);

CREATE TRIGGER dashboard_filed_insert AFTER INSERT ON override_requests BEGIN ${BUMP} END;
CREATE TRIGGER dashboard_filed_delete AFTER DELETE ON override_requests BEGIN ${BUMP} END;
CREATE TRIGGER dashboard_filed_update AFTER UPDATE OF created_at, requested_by, reason_code, currency, amount_minor ON override_requests BEGIN ${BUMP} END;
CREATE TRIGGER dashboard_filed_operator AFTER UPDATE OF display_name ON operators BEGIN ${BUMP} END;
`;

export const migration026DashboardFiledVersion: Migration = {
  version: 26,
  name: 'dashboard-filed-version',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
