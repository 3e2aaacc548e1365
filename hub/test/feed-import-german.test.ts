import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFeedImport } from '../src/feeds/hub-import';
import { folderSources } from '../src/feeds/feed-text';
import { listImportRejections } from '../src/feeds/import-run-repo';
import { startHubFixture, type HubFixture } from './hub-fixture';

/*
 * Issue 13: the hub keeps German accounts (hub migration 012) and its feed import reads them
 * with the shared account row schema, which admits DE; a country the rules do not know is
 * still rejected with its field and reason, and the rest of the file applies.
 */
let fixture: HubFixture;
beforeAll(async () => {
  fixture = await startHubFixture();
});
afterAll(async () => {
  await fixture?.close();
});

const account = (sourceId: string, number: string, country: string) =>
  JSON.stringify({
    source_id: sourceId, account_number: number, holder_name: 'Greta Kunde', brand: 'att', segment: 'consumer', payment_type: 'postpaid',
    status: 'active', bill_cycle_day: 12, currency: 'EUR', monthly_charge_minor: 4000, country, region: 'BE', postal_code: '10115',
  });

describe('a feed with a German account at the hub', () => {
  it('imports the DE account in EUR and rejects a country the rules do not know', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocd-h13fin-hub-de-'));
    writeFileSync(join(dir, 'accounts.ndjson'), [account('DE-1', '491000000101', 'DE'), account('FR-1', '491000000102', 'FR')].join('\n') + '\n');
    const result = await runFeedImport({ pool: fixture.pool, sources: await folderSources(dir), clock: fixture.clock.now });
    expect(result.state).toBe('done');
    const rejections = (await listImportRejections(fixture.pool, result.runId, 10)).map((r) => [r.fileName, r.line, r.field]);
    expect(rejections).toEqual([['accounts.ndjson', 2, 'country']]);
    const { rows } = await fixture.owner.query("SELECT source_id, country, currency, monthly_charge_minor::int AS monthly FROM accounts WHERE account_number LIKE '4910000001%'");
    expect(rows).toEqual([{ source_id: 'DE-1', country: 'DE', currency: 'EUR', monthly: 4000 }]);
  });
});
