import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_PATH, SnapshotHeader } from '@shared/hub/carrier';
import { streamCarrierSnapshot } from '../src/carrier/carrier-snapshot';
import { writeCarrierBatch } from './carrier-batch-writer';
import { bearer, signIn, startHubFixture, type HubFixture } from './hub-fixture';

let fixture: HubFixture;
let token: string;

beforeAll(async () => {
  fixture = await startHubFixture();
  token = (await signIn(fixture, 'alice')).token;
  await writeCarrierBatch(fixture.pool, [
    { sourceId: 'S-1', accountNumber: '555000000001', holderName: 'Ann Early', lines: [['L-1', '+15550000001']] },
    { sourceId: 'S-2', accountNumber: '555000000002', holderName: 'Bo Early' },
  ]);
});
afterAll(async () => {
  await fixture?.close();
});

/** The snapshot's sections: table name to its rows as value lists (COPY text, `\N` null). */
function parseSnapshot(text: string): { header: SnapshotHeader; tables: Map<string, (string | null)[][]> } {
  const lines = text.split('\n');
  const header = SnapshotHeader.parse(JSON.parse(lines[0]!));
  const tables = new Map<string, (string | null)[][]>();
  let current: (string | null)[][] | null = null;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    if (line === '\\.') current = null;
    else if (current === null && line.startsWith('@')) tables.set(line.slice(1), (current = []));
    else current!.push(line.split('\t').map((v) => (v === '\\N' ? null : v)));
  }
  return { header, tables };
}

describe('GET /v1/carrier/snapshot', () => {
  it('needs a session token, and then streams every carrier table with the log head and exact row counts', async () => {
    expect((await fixture.hub.inject({ method: 'GET', url: SNAPSHOT_PATH })).statusCode).toBe(401);
    const response = await fixture.hub.inject({ method: 'GET', url: SNAPSHOT_PATH, headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    const { header, tables } = parseSnapshot(response.body);
    const { rows } = await fixture.owner.query<{ head: number }>('SELECT max(position)::int AS head FROM change_log');
    expect(header.head).toBe(rows[0]!.head);
    for (const { table, rows: count } of header.tables) expect(tables.get(table)).toHaveLength(count);
    // The fixture's three accounts from before batches get a stable stand-in source id; the hub's ids travel.
    const accounts = tables.get('accounts')!;
    expect(accounts.map((a) => a[1])).toEqual(['hub:1', 'hub:2', 'hub:3', 'S-1', 'S-2']);
    expect(accounts[3]!.slice(0, 4)).toEqual(['4', 'S-1', '555000000001', 'Ann Early']);
    expect(accounts[3]![18]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(tables.get('lines')).toEqual([['1', 'L-1', '4', '+15550000001', 'wireless_voice', '2500', 'active', null]]);
    expect(tables.get('outages')!.map((o) => [o[0], o[1], o[8]])).toEqual([['1', 'hub:1', '["north"]'], ['2', 'hub:2', '["south"]']]);
  });

  it('is one moment: a batch committed while the snapshot streams is not in it, and its entry is after the head, readable by batch', async () => {
    let chunks = '';
    let concurrent: Promise<{ batch: number; position: number }> | null = null;
    let waiting: (() => void) | null = null;
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks += chunk.toString('utf8');
        if (waiting) waiting = null;
        callback();
      },
    });
    // After the header (the snapshot's transaction has read), another job commits a batch; only then do the copies run.
    const originalWrite = out.write.bind(out);
    let first = true;
    out.write = ((chunk: string | Buffer) => {
      originalWrite(chunk);
      if (!first) return true;
      first = false;
      concurrent!.then(() => out.emit('drain'));
      return false;
    }) as typeof out.write;
    await streamCarrierSnapshot(fixture.pool, out, new Date(), () => {
      concurrent = writeCarrierBatch(fixture.pool, [
        { sourceId: 'S-1', accountNumber: '555000000001', holderName: 'Ann Later' },
        { sourceId: 'S-3', accountNumber: '555000000003', holderName: 'Cy Later', lines: [['L-3', '+15550000003']] },
      ]);
    });
    const { batch, position } = await concurrent!;
    const { header, tables } = parseSnapshot(chunks);
    expect(position).toBeGreaterThan(header.head);
    expect(tables.get('accounts')!.map((a) => [a[1], a[3]])).toEqual([
      ['hub:1', 'Dana Holder'], ['hub:2', 'Eli Holder'], ['hub:3', 'Fay Holder'], ['S-1', 'Ann Early'], ['S-2', 'Bo Early'],
    ]);
    expect(tables.get('lines')!.map((l) => l[1])).toEqual(['L-1']);

    // The batch's rows come through the batch pull, page by page.
    const pageOf = async (table: string, afterId?: string) => {
      const response = await fixture.hub.inject({
        method: 'GET',
        url: `/v1/carrier/batch?batch=${batch}&table=${table}&limit=1${afterId ? `&afterId=${afterId}` : ''}`,
        headers: bearer(token),
      });
      expect(response.statusCode).toBe(200);
      return response.json() as { rows: unknown[][]; nextAfterId: string | null; hasMore: boolean };
    };
    const one = await pageOf('accounts');
    expect(one.rows.map((r) => [r[1], r[3]])).toEqual([['S-1', 'Ann Later']]);
    expect(one.hasMore).toBe(true);
    const two = await pageOf('accounts', one.nextAfterId!);
    expect(two.rows.map((r) => [r[1], r[3]])).toEqual([['S-3', 'Cy Later']]);
    expect(two.hasMore).toBe(false);
    expect((await pageOf('lines')).rows.map((r) => r[1])).toEqual(['L-3']);

    const entries = await fixture.hub.inject({ method: 'GET', url: `/v1/changes?since=${header.head}`, headers: bearer(token) });
    expect(entries.json().changes).toEqual([
      expect.objectContaining({ position, entity: 'carrier_batch', data: expect.objectContaining({ batch, tables: ['accounts', 'lines'] }) }),
    ]);
  });

  it('refuses a batch page for a table that is not carrier data, with nothing read', async () => {
    const response = await fixture.hub.inject({ method: 'GET', url: '/v1/carrier/batch?batch=1&table=operators', headers: bearer(token) });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_INPUT');
  });
});
