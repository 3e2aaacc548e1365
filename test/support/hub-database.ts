import pg from 'pg';
import { startLocalCluster, type LocalCluster } from '../../hub/src/db/local-cluster';
import { migrate } from '../../hub/src/db/migrate';

export interface HubDatabase {
  readonly cluster: LocalCluster;
  /** The database's owner (what migrations and test set-up use). */
  readonly owner: pg.Pool;
  /** The hub's own login role, a member of ocd_hub_app, as `npm run hub` connects. */
  readonly pool: pg.Pool;
  readonly appUrl: string;
}

/**
 * A throwaway PostgreSQL cluster (fsync off) with the hub's database `ocd_hub` migrated and the
 * hub's login role made: what every test that runs a real hub starts from. `poolMax` sizes the
 * hub role's pool. The caller stops `cluster` and ends both pools.
 */
export async function startHubDatabase(poolMax: number): Promise<HubDatabase> {
  const cluster = await startLocalCluster({ fsync: false });
  try {
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE ocd_hub');
    await admin.end();
    const migrator = new pg.Client({ connectionString: cluster.url('ocd_hub') });
    await migrator.connect();
    await migrate(migrator);
    await migrator.query('CREATE ROLE ocd_hub LOGIN IN ROLE ocd_hub_app');
    await migrator.end();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const url = new URL(cluster.url('ocd_hub'));
  url.username = 'ocd_hub';
  const appUrl = url.toString();
  return {
    cluster,
    owner: new pg.Pool({ connectionString: cluster.url('ocd_hub'), max: 2 }),
    pool: new pg.Pool({ connectionString: appUrl, max: poolMax }),
    appUrl,
  };
}
