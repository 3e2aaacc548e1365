/**
 * The hub's reliability under faults, against a real PostgreSQL 15 with fsync on, the hub in
 * its own process (`node --import tsx hub/src/app/main.ts`, as `npm run hub`), and simulated
 * desktops pushing their outboxes over HTTP:
 *  - kill -9 of the hub mid-load, then a new hub process: every operation a desktop saw
 *    acknowledged is in PostgreSQL exactly once, and resending drains with replays;
 *  - PostgreSQL restarted (pg_ctl restart -m fast) under load: the same hub process carries
 *    on, answering UNAVAILABLE (503) meanwhile, never hanging, never exiting.
 * This file starts its own cluster, so restarting it cannot disturb the hub project's tests.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../hub/src/audit/audit-repo';
import { freePort, Outbox, spawnHub, startHubSite, type HubChild, type HubSite } from './hub-site';

const DESKTOPS = 6;
const OUTBOX = 120;
const BATCH = 3;

let site: HubSite;
const children: HubChild[] = [];

beforeAll(async () => {
  site = await startHubSite(DESKTOPS, 2 * DESKTOPS * OUTBOX);
}, 120_000);
afterAll(async () => {
  for (const { child } of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await site?.close();
});

async function startHub(port: number): Promise<HubChild> {
  const hub = await spawnHub(site.appUrl, port);
  children.push(hub);
  return hub;
}

/** Runs every outbox until `until()` says stop or all are drained; a failed push is retried after a short wait. */
async function drive(outboxes: readonly Outbox[], base: string, until: () => boolean): Promise<void> {
  await Promise.all(
    outboxes.map(async (outbox) => {
      while (!outbox.drained && !until()) {
        const { status } = await outbox.step(base, BATCH);
        if (status !== 200) await sleep(50);
      }
    }),
  );
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await site.owner.query<{ n: number }>(sql, params)).rows[0]!.n;
}

/** For each answered operation: its row in `operations` once with the answer's status; its request, audit event and change once. */
async function expectExactlyOnce(outboxes: readonly Outbox[]): Promise<void> {
  for (const outbox of outboxes) {
    const seqs = outbox.envelopes.map((e) => e.seq);
    const { rows } = await site.owner.query<{ seq: number; status: string }>(
      'SELECT seq::int AS seq, status FROM operations WHERE desktop_id = $1 AND seq = ANY($2) ORDER BY seq',
      [outbox.desktop.desktopId, seqs],
    );
    expect(rows.map((r) => r.seq)).toEqual(seqs);
    for (const row of rows) expect(outbox.answers.get(row.seq)?.status).toBe(row.status);
    const requestIds = outbox.envelopes.map((e) => e.payload.requestId);
    expect(await count('SELECT count(*)::int AS n FROM override_requests WHERE id = ANY($1)', [requestIds])).toBe(OUTBOX);
    expect(await count("SELECT count(*)::int AS n FROM audit_events WHERE action = 'override.submitted' AND target = ANY($1)", [requestIds.map((id) => `override_request:${id}`)])).toBe(OUTBOX);
    expect(await count("SELECT count(*)::int AS n FROM change_log WHERE entity = 'override_request' AND entity_id = ANY($1)", [requestIds])).toBe(OUTBOX);
    expect(await count('SELECT last_applied_seq::int AS n FROM desktops WHERE id = $1', [outbox.desktop.desktopId])).toBe(seqs.at(-1));
  }
}

describe('the hub under faults', () => {
  it('loses nothing acknowledged and applies nothing twice when its process is killed with SIGKILL mid-load', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startHub(port);
    const outboxes = site.desktops.map((desktop, index) => new Outbox(desktop, OUTBOX, index * OUTBOX));
    for (const outbox of outboxes) await outbox.signIn(base);

    // Load until about a third is through, then SIGKILL while pushes are in flight.
    const answered = () => outboxes.reduce((sum, o) => sum + o.answers.size, 0);
    let killedAt = 0;
    const load = drive(outboxes, base, () => killedAt > 0);
    while (answered() < (DESKTOPS * OUTBOX) / 3) await sleep(10);
    first.child.kill('SIGKILL');
    killedAt = performance.now();
    await load;
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const acknowledgedBeforeKill = new Map(outboxes.map((o) => [o, new Map(o.answers)]));
    const cutOff = outboxes.flatMap((o) => [...o.unanswered].map((seq) => ({ outbox: o, seq })));
    expect(cutOff.length).toBeGreaterThan(0);

    // What the desktops saw acknowledged is in PostgreSQL now, before any resend.
    for (const [outbox, answers] of acknowledgedBeforeKill) {
      const { rows } = await site.owner.query<{ seq: number; status: string }>('SELECT seq::int AS seq, status FROM operations WHERE desktop_id = $1', [outbox.desktop.desktopId]);
      const stored = new Map(rows.map((r) => [r.seq, r.status]));
      for (const [seq, answer] of answers) expect(stored.get(seq)).toBe(answer.status);
    }

    // A new hub process on the same port; the desktops' tokens still hold (sessions live in PostgreSQL).
    const restartedAt = performance.now();
    await startHub(port);
    const downMs = performance.now() - killedAt;
    const startMs = performance.now() - restartedAt;

    // Resend what was cut off, exactly as it was: committed before the kill -> replayed; not -> applied now.
    let replayed = 0;
    let appliedNow = 0;
    for (const { outbox, seq } of cutOff) {
      const { status, answers } = await outbox.push(base, [outbox.envelope(seq)]);
      expect(status).toBe(200);
      const answer = answers[0]!;
      if (answer.status === 'out_of_order') continue; // after an earlier cut-off op of the same desktop that did not commit
      expect(answer.status).toBe('accepted');
      if (answer.replayed) replayed++;
      else appliedNow++;
      if (!outbox.answers.has(seq)) outbox.answers.set(seq, answer);
    }
    // Then let the outboxes drain, from wherever each desktop stands.
    const drainStarted = performance.now();
    await drive(outboxes, base, () => false);
    const drainMs = performance.now() - drainStarted;
    await expectExactlyOnce(outboxes);

    // A few acknowledged ones again: answered from the stored answer, nothing applied.
    for (const outbox of outboxes) {
      const again = [outbox.envelopes[0]!, outbox.envelopes[Math.floor(OUTBOX / 2)]!, outbox.envelopes[OUTBOX - 1]!];
      const { status, answers } = await outbox.push(base, again);
      expect(status).toBe(200);
      expect(answers.map((a) => [a.seq, a.status, a.replayed])).toEqual(again.map((e) => [e.seq, 'accepted', true]));
    }
    await expectExactlyOnce(outboxes);
    expect(await verifyAuditChain(site.owner)).toMatchObject({ ok: true });

    console.log(
      `hub kill -9: ${[...acknowledgedBeforeKill.values()].reduce((s, a) => s + a.size, 0)} acknowledged before the kill, ${cutOff.length} cut off ` +
        `(${replayed} had committed: replayed; ${appliedNow} had not: applied on resend); new process listening ${startMs.toFixed(0)} ms after start, ` +
        `hub down ${downMs.toFixed(0)} ms; ${DESKTOPS * OUTBOX} operations in PostgreSQL exactly once; drain ${drainMs.toFixed(0)} ms`,
    );
  }, 60_000);

  it('rides out a PostgreSQL restart under load in the same process: 503s meanwhile, no hang, no exit, then on as before', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const hub = await startHub(port);
    const outboxes = site.desktops.map((desktop, index) => new Outbox(desktop, OUTBOX, (DESKTOPS + index) * OUTBOX));
    // The same desktops, next outboxes: seqs continue above what the first test used.
    for (const outbox of outboxes) {
      const used = await count('SELECT last_applied_seq::int AS n FROM desktops WHERE id = $1', [outbox.desktop.desktopId]);
      for (const envelope of outbox.envelopes) envelope.seq += used;
      await outbox.signIn(base);
    }
    // A change stream held across the restart: the hub's LISTEN connection must come back too.
    const heads: number[] = [];
    const stream = await fetch(`${base}/v1/changes/stream`, { headers: { authorization: `Bearer ${outboxes[0]!.token}` } });
    const reader = stream.body!.getReader();
    void (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        for (const match of decoder.decode(value).matchAll(/data: \{"head":(\d+)\}/g)) heads.push(Number(match[1]));
      }
    })();

    const answered = () => outboxes.reduce((sum, o) => sum + o.answers.size, 0);
    const slowest: number[] = [];
    let stop = false;
    const load = Promise.all(
      outboxes.map(async (outbox) => {
        while (!outbox.drained && !stop && hub.child.exitCode === null && hub.child.signalCode === null) {
          const { status, ms } = await outbox.step(base, BATCH);
          slowest.push(ms);
          if (status !== 200) await sleep(50);
        }
      }),
    );
    while (answered() < (DESKTOPS * OUTBOX) / 4) await sleep(10);
    const restartStarted = performance.now();
    await site.cluster.restart();
    const restartMs = performance.now() - restartStarted;
    // First success after the server is back: the pool reconnected.
    const statusesAtRestart = outboxes.map((o) => o.statuses.length);
    const firstOkAfter = await (async () => {
      const back = performance.now();
      while (performance.now() - back < 20_000) {
        if (outboxes.some((o, i) => o.statuses.slice(statusesAtRestart[i]).includes('200'))) return performance.now() - back;
        await sleep(5);
      }
      return Number.NaN;
    })();
    await load;
    stop = true;
    if (hub.child.exitCode !== null || hub.child.signalCode !== null) throw new Error(`the hub exited during the restart: ${hub.output.join('')}`);
    expect(hub.child.exitCode).toBeNull();
    expect(hub.child.signalCode).toBeNull();

    const all = outboxes.flatMap((o) => o.statuses);
    const tally = all.reduce<Record<string, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});
    // Only answers: accepted pushes, or coded 503s while PostgreSQL was away; never an INTERNAL, never silence.
    expect(Object.keys(tally).filter((s) => s !== '200' && s !== '503 UNAVAILABLE')).toEqual([]);
    expect(tally['503 UNAVAILABLE'] ?? 0).toBeGreaterThan(0);
    expect(Math.max(...slowest)).toBeLessThan(6_000);
    await expectExactlyOnce(outboxes);

    // The hub hears commits again (its LISTEN connection reconnected): a new change is nudged on the old stream.
    const headNow = await count('SELECT max(position)::int AS n FROM change_log');
    await expect.poll(() => heads.at(-1) ?? 0, { timeout: 8_000, interval: 50 }).toBeGreaterThanOrEqual(headNow);
    await reader.cancel();
    expect(await verifyAuditChain(site.owner)).toMatchObject({ ok: true });

    console.log(
      `PostgreSQL restart (-m fast) under load: pg_ctl restart took ${restartMs.toFixed(0)} ms; first accepted push ${firstOkAfter.toFixed(0)} ms after it returned; ` +
        `pushes ${JSON.stringify(tally)}; slowest push ${Math.max(...slowest).toFixed(0)} ms; hub process never restarted; ${DESKTOPS * OUTBOX} operations exactly once`,
    );
  }, 60_000);
});
