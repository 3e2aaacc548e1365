import pg from 'pg';
import { migrate } from '../db/migrate';

/**
 * `npm run hub:migrate`: brings the database at DATABASE_URL to this hub's schema. Run it as
 * the database owner (the hub's own role may not change the schema), before starting new
 * hub processes; two at once are safe (an advisory lock).
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (the owner of the hub database)');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { from, to } = await migrate(client);
    console.log(from === to ? `hub:migrate: already at version ${to}` : `hub:migrate: version ${from} -> ${to}`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error('hub:migrate failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
