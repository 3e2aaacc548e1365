import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopTimeZone, getOverrideSettings } from '../../electron/main/overrides/override-settings';
import { migrate } from '../../electron/main/db/migrate';
import { allMigrations } from '../../electron/main/db/migrations/all-migrations';
import { migration008SiteTimeZone } from '../../electron/main/db/migrations/008-site-time-zone';
import { sameInEveryCurrency } from '../../shared/domain/override';

let db: Database.Database | null = null;
afterEach(() => db?.close());

describe('site time zone step', () => {
  it("keeps the limits an admin saved before it, and gives them the desktop's time zone", () => {
    db = new Database(':memory:');
    const step = allMigrations.indexOf(migration008SiteTimeZone);
    migrate(db, allMigrations.slice(0, step));
    db.prepare(
      `INSERT INTO override_settings (id, per_request_cap_minor, agent_daily_total_minor, expiry_days, version, updated_by, updated_at)
       VALUES (1, 2500, 9000, 5, 3, NULL, '2024-03-01T00:00:00.000Z')`,
    ).run();
    migrate(db, allMigrations);
    expect(getOverrideSettings(db)).toEqual({ perRequestCapMinor: sameInEveryCurrency(2500), agentDailyTotalMinor: sameInEveryCurrency(9000), expiryDays: 5, siteTimeZone: desktopTimeZone() });
  });

  it('refuses a stored zone name longer than any IANA zone', () => {
    db = new Database(':memory:');
    migrate(db, allMigrations);
    expect(() =>
      db!.prepare(
        `INSERT INTO override_settings (id, per_request_cap_minor, agent_daily_total_minor, expiry_days, site_time_zone, version, updated_by, updated_at)
         VALUES (1, 2500, 9000, 5, ?, 1, NULL, '2024-03-01T00:00:00.000Z')`,
      ).run('x'.repeat(65)),
    ).toThrow(/CHECK/);
  });
});
