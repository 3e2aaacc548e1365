import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_LOCK, runFeedImport, type FileProgress } from '../src/feeds/hub-import';
import { folderSources } from '../src/feeds/feed-text';
import { startHubFixture, type HubFixture } from './hub-fixture';

/*
 * A first load sets the secondary indexes of accounts, lines and impacts aside while their
 * tables are empty and builds them at each file's end (hub migration 014). Whatever happens,
 * an import's end, or the next import's start after a run cut off, leaves every index there.
 */

const SAMPLE = resolve(__dirname, '../../resources/sample-feeds');
const SECONDARY = ['accounts_carrier_batch', 'impacts_carrier_batch', 'impacts_line_id', 'impacts_outage_line', 'lines_account_id', 'lines_carrier_batch', 'lines_number_e164'];

let fixture: HubFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

async function present(f: HubFixture): Promise<string[]> {
  const { rows } = await f.owner.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' AND indexname = ANY ($1) ORDER BY 1`,
    [SECONDARY],
  );
  return rows.map((r) => r.name);
}

const setAside = async (f: HubFixture) => (await f.owner.query('SELECT name FROM carrier_indexes_set_aside')).rows;

describe('secondary indexes during a first load at the hub', () => {
  it('are set aside while the file loads into its empty table and built again at its end', async () => {
    const f = (fixture = await startHubFixture());
    const during = new Map<string, string[]>();
    const result = await runFeedImport({
      pool: f.pool,
      sources: await folderSources(SAMPLE),
      clock: f.clock.now,
      chunkRows: 7,
      hooks: { afterChunk: async (file: FileProgress) => void during.set(file.entity, await present(f)) },
    });
    expect(result.state).toBe('done');
    expect(during.get('lines')).not.toContain('lines_account_id');
    expect(during.get('lines')).toContain('accounts_carrier_batch');
    expect(during.get('impacts')).not.toContain('impacts_line_id');
    expect(during.get('impacts')).toContain('lines_number_e164');
    expect(await present(f)).toEqual(SECONDARY);
    expect(await setAside(f)).toEqual([]);
    // A second import finds the tables filled and keeps every index throughout.
    during.clear();
    await runFeedImport({
      pool: f.pool,
      sources: await folderSources(SAMPLE),
      clock: f.clock.now,
      hooks: { afterChunk: async (file: FileProgress) => void during.set(file.entity, await present(f)) },
    });
    for (const names of during.values()) expect(names).toEqual(SECONDARY);
  });

  it('left set aside by a run whose connection died, are built by the next run before it imports', async () => {
    const f = (fixture = await startHubFixture());
    const kill = async (file: FileProgress) => {
      if (file.entity === 'lines') {
        await f.owner.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [IMPORT_LOCK],
        );
      }
    };
    await expect(runFeedImport({ pool: f.pool, sources: await folderSources(SAMPLE), clock: f.clock.now, chunkRows: 7, hooks: { afterChunk: kill } })).rejects.toThrow();
    expect(await present(f)).not.toContain('lines_account_id');
    expect((await setAside(f)).length).toBeGreaterThan(0);
    let seen: string[] | null = null;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await runFeedImport({
          pool: f.pool,
          sources: await folderSources(SAMPLE),
          clock: f.clock.now,
          hooks: { afterChunk: async () => void (seen ??= await present(f)) },
        });
        break;
      } catch (error) {
        // The killed session lets go of the import lock when its backend has exited.
        if (attempt > 100) throw error;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    expect(seen).toEqual(SECONDARY);
    expect(await present(f)).toEqual(SECONDARY);
    expect(await setAside(f)).toEqual([]);
  });

  it('sets nothing aside in a table that holds rows, and only the listed tables', async () => {
    const f = (fixture = await startHubFixture());
    await runFeedImport({ pool: f.pool, sources: await folderSources(SAMPLE), clock: f.clock.now });
    expect((await f.pool.query('SELECT ocd_set_aside_carrier_indexes($1) AS n', ['lines'])).rows).toEqual([{ n: 0 }]);
    await expect(f.pool.query('SELECT ocd_set_aside_carrier_indexes($1)', ['credits'])).rejects.toMatchObject({ code: '22023' });
    expect(await present(f)).toEqual(SECONDARY);
  });
});
