import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Revised outages. Each outage carries a revision that goes up by one whenever one of its
 * facts changes, whoever writes it (the feed import, a hub sync): a trigger, so no writer
 * can forget it. A credit paying the difference after a revision is keyed by that revision
 * and says so (`adjustment_reason`, `outage_revision`), so the timeline shows it as an
 * adjustment with its reason.
 */
const FACTS = ['starts_at', 'ends_at', 'cause', 'services_json', 'towers_affected', 'regions_json', 'subscribers_affected'];

const SCHEMA = `
ALTER TABLE outages ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

CREATE TRIGGER outages_revised AFTER UPDATE OF ${FACTS.join(', ')} ON outages
  WHEN (${FACTS.map((c) => `OLD.${c}`).join(', ')}) IS NOT (${FACTS.map((c) => `NEW.${c}`).join(', ')})
BEGIN
  UPDATE outages SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;

ALTER TABLE credits ADD COLUMN adjustment_reason TEXT CHECK (adjustment_reason IS NULL OR adjustment_reason IN ('outage_revised'));
ALTER TABLE credits ADD COLUMN outage_revision INTEGER CHECK (outage_revision IS NULL OR outage_revision >= 1);
`;

export const migration006OutageRevisions: Migration = {
  version: 6,
  name: 'outage-revisions',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
