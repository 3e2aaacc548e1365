import type pg from 'pg';
import { allMigrations } from './all-migrations';
import type { Migration } from './migration';

// Two hub processes starting at once must not both run a migration.
const MIGRATION_LOCK = 7_242_001;

export interface MigrateResult {
  readonly from: number;
  readonly to: number;
}

/**
 * Applies every migration above the database's version, each in its own transaction with its
 * row in schema_migrations, so a failed step leaves the database as the step before left it.
 * A database from a newer hub is refused rather than run against.
 */
export async function migrate(client: pg.ClientBase, migrations: readonly Migration[] = allMigrations): Promise<MigrateResult> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name} is numbered ${migration.version}, expected ${index + 1}`);
  });
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const from = rows[0]?.version ?? 0;
    const latest = migrations.length;
    if (from > latest) throw new Error(`database schema version ${from} is newer than this hub (${latest})`);
    for (const migration of migrations.slice(from)) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { from, to: latest };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
