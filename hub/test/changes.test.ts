import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_STREAM_PATH } from '@shared/hub/routes';
import { buildHub } from '../src/app/build-hub';
import { appendChange } from '../src/changes/change-log-repo';
import { startChangeFeed, type ChangeFeed } from '../src/changes/change-feed';
import { bearer, DesktopClient, signIn, startHubFixture, submitPayload, type HubFixture } from './hub-fixture';
import { sameInEveryCurrency } from '@shared/domain/override';

let fixture: HubFixture;
let alice: DesktopClient;
let bob: DesktopClient;
let sam: DesktopClient;
let nextAccount = 100;

beforeAll(async () => {
  fixture = await startHubFixture();
  const [one, two] = fixture.desktops as [(typeof fixture.desktops)[0], (typeof fixture.desktops)[0]];
  alice = await DesktopClient.signIn(fixture, 'alice', one);
  bob = await DesktopClient.signIn(fixture, 'bob', two);
  sam = await DesktopClient.signIn(fixture, 'sam', two);
  await fixture.owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day)
    SELECT '287100000' || n, 'Holder ' || n, 'USD', 'north', 12 FROM generate_series(100, 399) AS n`);
});
afterAll(async () => {
  await fixture?.close();
});

interface Page {
  changes: { position: number; entity: string; id: string; data: Record<string, unknown> }[];
  cursor: number;
  hasMore: boolean;
  head: number;
}

async function page(token: string, since: number, limit = 500): Promise<Page> {
  const response = await fixture.hub.inject({ method: 'GET', url: `/v1/changes?since=${since}&limit=${limit}`, headers: bearer(token) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function pullAll(token: string, since = 0, limit = 500): Promise<{ changes: Page['changes']; cursor: number }> {
  const changes: Page['changes'] = [];
  let cursor = since;
  for (;;) {
    const next = await page(token, cursor, limit);
    changes.push(...next.changes);
    cursor = next.cursor;
    if (!next.hasMore) return { changes, cursor };
  }
}

function account(): string {
  return `287100000${nextAccount++}`;
}

describe('GET /v1/changes', () => {
  it('shows an agent their own requests, every credit and nothing of another agent; a supervisor everything', async () => {
    const mine = (await alice.one('override.submit', submitPayload(account(), 1, 1000))).request as { id: string };
    const theirs = (await bob.one('override.submit', submitPayload(account(), 1, 1000))).request as { id: string };
    const approved = await sam.one('override.decide', { requestId: theirs.id, version: 1, decision: 'approve', note: 'ok' });
    const creditId = (approved.request as { creditId: string }).creditId;

    const asAlice = await pullAll(alice.token);
    expect(asAlice.changes.map((change) => `${change.entity}:${change.id}`)).toEqual([`override_request:${mine.id}`, `credit:${creditId}`]);
    expect(asAlice.changes[1]!.data).toMatchObject({ status: 'scheduled', amountMinor: 1000, overrideRequestId: theirs.id });
    const asSam = await pullAll(sam.token);
    expect(asSam.changes.map((change) => `${change.entity}:${change.id}`)).toEqual([
      `override_request:${mine.id}`,
      `override_request:${theirs.id}`,
      `credit:${creditId}`,
      `override_request:${theirs.id}`,
    ]);
    expect(asSam.changes.at(-1)!.data).toMatchObject({ status: 'approved', decidedBy: 'sam', creditId, billDate: expect.any(String) });
    // Both end at the head: the agent's cursor moved past what the agent may not see.
    const head = asSam.cursor;
    expect(asAlice.cursor).toBe(head);
    expect(await page(alice.token, head)).toEqual({ changes: [], cursor: head, hasMore: false, head });
  });

  it('pages in position order with a resumable cursor', async () => {
    const all = await pullAll(sam.token);
    const paged = await pullAll(sam.token, 0, 1);
    expect(paged).toEqual(all);
    const first = await page(sam.token, 0, 1);
    expect(first).toMatchObject({ hasMore: true, cursor: first.changes[0]!.position });
    const positions = all.changes.map((change) => change.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('never lets a cursor pass a change whose writer commits after a later writer tried to', async () => {
    const before = (await page(sam.token, 0)).head;
    const first = await fixture.pool.connect();
    const second = await fixture.pool.connect();
    const settings = (expiryDays: number) => ({ entity: 'override_settings' as const, entityId: 'site', audience: { kind: 'all' as const }, data: { perRequestCapMinor: sameInEveryCurrency(5000), agentDailyTotalMinor: sameInEveryCurrency(20000), expiryDays } });
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      const one = await appendChange(first, settings(7));
      // The second writer commits the moment it can. With positions from a bare sequence it
      // would commit position one+1 now, a reader would move its cursor there, and one would
      // be skipped for ever when it commits later; the log lock makes it wait for the first.
      const twoCommitted = appendChange(second, settings(8)).then(async (position) => {
        await second.query('COMMIT');
        return position;
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
      const early = await page(sam.token, before);
      await first.query('COMMIT');
      const two = await twoCommitted;
      const later = await pullAll(sam.token, early.cursor);
      expect([...early.changes, ...later.changes].map((change) => change.position)).toEqual([one, two]);
      expect(two).toBeGreaterThan(one);
    } finally {
      first.release();
      second.release();
    }
  });

  it('gives a reader paging during overlapping writes from two desktops every change exactly once', async () => {
    const start = (await page(sam.token, 0)).head;
    let writing = true;
    const seen: number[] = [];
    const reader = (async () => {
      let cursor = start;
      while (writing) {
        const next = await page(sam.token, cursor, 7);
        seen.push(...next.changes.map((change) => change.position));
        cursor = next.cursor;
      }
      const rest = await pullAll(sam.token, cursor, 7);
      seen.push(...rest.changes.map((change) => change.position));
    })();
    const writer = async (agent: DesktopClient) => {
      for (let round = 0; round < 15; round++) {
        await agent.push(...Array.from({ length: 3 }, () => ({ op: 'override.submit', payload: submitPayload(account(), 1, 100) })));
      }
    };
    await Promise.all([writer(alice), writer(bob)]);
    writing = false;
    await reader;
    const { rows } = await fixture.owner.query<{ position: number }>('SELECT position::int AS position FROM change_log WHERE position > $1 ORDER BY position', [start]);
    expect(rows).toHaveLength(90);
    expect(seen).toEqual(rows.map((row) => row.position));
  });
});

describe('POST /v1/changes/requests', () => {
  async function views(token: string, ids: string[]): Promise<{ status: number; body: { changes: Page['changes'] } }> {
    const response = await fixture.hub.inject({ method: 'POST', url: '/v1/changes/requests', headers: bearer(token), payload: { ids } });
    return { status: response.statusCode, body: response.json() };
  }

  it('answers the latest change of each named request the reader may see, and nothing of the others', async () => {
    const mine = (await alice.one('override.submit', submitPayload(account(), 1, 700))).request as { id: string };
    const theirs = (await bob.one('override.submit', submitPayload(account(), 1, 800))).request as { id: string };
    await sam.one('override.decide', { requestId: theirs.id, version: 1, decision: 'reject', note: 'no' });
    const ids = [mine.id, theirs.id, 'no-such-request'];

    const asSam = await views(sam.token, ids);
    expect(asSam.status).toBe(200);
    const byId = new Map(asSam.body.changes.map((change) => [change.id, change]));
    expect([...byId.keys()].sort()).toEqual([mine.id, theirs.id].sort());
    expect(byId.get(theirs.id)!.data).toMatchObject({ status: 'rejected', decidedBy: 'sam' });
    // The latest of bob's two entries, the same one a full pull of the log ends on.
    const { rows } = await fixture.owner.query<{ position: number }>(
      "SELECT max(position)::int AS position FROM change_log WHERE entity = 'override_request' AND entity_id = $1",
      [theirs.id],
    );
    expect(byId.get(theirs.id)!.position).toBe(rows[0]!.position);

    const asAlice = await views(alice.token, ids);
    expect(asAlice.body.changes.map((change) => change.id)).toEqual([mine.id]);
    expect(asAlice.body.changes[0]!.data).toMatchObject({ status: 'pending', amountMinor: 700 });
  });

  it('refuses an empty list, too many ids and a call without a token, and changes nothing', async () => {
    const before = await fixture.owner.query('SELECT count(*)::int AS n FROM change_log');
    expect((await views(sam.token, [])).status).toBe(400);
    expect((await views(sam.token, Array.from({ length: 501 }, (_, i) => `r${i}`))).status).toBe(400);
    const anonymous = await fixture.hub.inject({ method: 'POST', url: '/v1/changes/requests', payload: { ids: ['x'] } });
    expect(anonymous.statusCode).toBe(401);
    expect((await fixture.owner.query('SELECT count(*)::int AS n FROM change_log')).rows).toEqual(before.rows);
  });
});

/** Reads Server-Sent Events until one carries a head of at least `head`. */
async function waitForHead(body: ReadableStream<Uint8Array>, head: number, timeoutMs: number): Promise<number[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const heads: number[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(1, deadline - Date.now())))]);
      if (!chunk || chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: changed\ndata: (.*)$/m.exec(frame);
        if (data) heads.push((JSON.parse(data[1]!) as { head: number }).head);
      }
      if (heads.some((value) => value >= head)) return heads;
    }
    throw new Error(`no nudge with head >= ${head} within ${timeoutMs} ms; heard ${JSON.stringify(heads)}`);
  } finally {
    reader.releaseLock();
  }
}

describe('GET /v1/changes/stream across two hub processes', () => {
  it('nudges an SSE client of hub 2 when a change commits through hub 1 (LISTEN/NOTIFY)', async () => {
    const feeds: ChangeFeed[] = [];
    const pools: pg.Pool[] = [];
    const hubs = [];
    for (let index = 0; index < 2; index++) {
      const pool = new pg.Pool({ connectionString: fixture.database.appUrl, max: 4 });
      pool.on('error', () => undefined);
      const feed = await startChangeFeed({ connectionString: fixture.database.appUrl, pollMs: 60_000 });
      pools.push(pool);
      feeds.push(feed);
      hubs.push(buildHub({ pool, clock: fixture.clock.now, changeFeed: feed }));
    }
    const [hubOne, hubTwo] = hubs as [ReturnType<typeof buildHub>, ReturnType<typeof buildHub>];
    const abort = new AbortController();
    try {
      const address = await hubTwo.listen({ host: '127.0.0.1', port: 0 });
      const { token } = await signIn(fixture, 'sam', fixture.desktops[1]);
      const stream = await fetch(`${address}${CHANGE_STREAM_PATH}`, { headers: bearer(token), signal: abort.signal });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const headNow = (await page(token, 0)).head;
      expect(await waitForHead(stream.body!, headNow, 2_000)).toContain(headNow);

      const agent = new DesktopClient({ ...fixture, hub: hubOne }, alice.desktop, alice.token);
      const sentAt = Date.now();
      const answer = await agent.one('override.submit', submitPayload(account(), 1, 100));
      expect(answer.status).toBe('accepted');
      const heads = await waitForHead(stream.body!, answer.position as number, 2_000);
      expect(heads.at(-1)).toBeGreaterThanOrEqual(answer.position as number);
      expect(Date.now() - sentAt).toBeLessThan(1_000);
    } finally {
      abort.abort();
      for (const hub of hubs) await hub.close();
      for (const feed of feeds) await feed.close();
      for (const pool of pools) await pool.end();
    }
  });

  it('refuses the stream without a token', async () => {
    const feed = { head: () => 0, subscribe: () => () => undefined };
    const hub = buildHub({ pool: fixture.pool, clock: fixture.clock.now, changeFeed: feed });
    try {
      const response = await hub.inject({ method: 'GET', url: CHANGE_STREAM_PATH });
      expect(response.statusCode).toBe(401);
    } finally {
      await hub.close();
    }
  });
});
