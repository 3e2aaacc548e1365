import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { accountNumber, type BenchDesktop, type SiteShape } from './bench-site';
import { callHub, openChangeStream } from './http-client';

export type OpKind = 'submit' | 'decide';

export interface OpSample {
  readonly kind: OpKind;
  /** From when the operation was due (open loop) or sent (closed loop) to its answer. */
  readonly latencyMs: number;
  readonly outcome: string;
  readonly doneAt: number;
}

const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function requestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(26)), (byte) => ULID_ALPHABET[byte & 31]).join('');
}

interface Pending {
  readonly requestId: string;
  readonly version: number;
}

type Operation = { op: 'override.submit' | 'override.decide'; payload: Record<string, unknown> };

interface Answer {
  status: string;
  reason?: string;
  request?: { id: string; version: number };
}

/**
 * The site's 200 desktops as the hub sees them: agents file goodwill requests on accounts hit
 * by an outage, supervisors decide the oldest request waiting (never their own: supervisors
 * here do not file, except when nothing waits). Each desktop sends one push at a time, in seq
 * order, as its outbox would; a desktop that is still waiting queues the next operation.
 */
export class Site {
  readonly agents: BenchDesktop[];
  readonly supervisors: BenchDesktop[];
  private readonly lanes = new Map<number, Promise<void>>();
  private readonly pending: Pending[] = [];
  private pendingHead = 0;
  private nextSlot = 0;
  /** Request id -> when its submit was sent: where a change's propagation is timed from. */
  readonly sentAt = new Map<string, number>();
  fallbacks = 0;

  constructor(
    readonly hub: URL,
    readonly desktops: readonly BenchDesktop[],
    private readonly shape: SiteShape,
  ) {
    this.agents = desktops.filter((d) => d.role === 'agent');
    this.supervisors = desktops.filter((d) => d.role === 'supervisor');
  }

  get waiting(): number {
    return this.pending.length - this.pendingHead;
  }

  private submit(): Operation {
    const slot = this.nextSlot++;
    const account = slot % this.shape.accounts;
    const outage = 1 + Math.floor(slot / this.shape.accounts);
    if (outage > this.shape.outages) throw new Error('the bench ran out of account and outage pairs: seed more accounts');
    return {
      op: 'override.submit',
      payload: {
        requestId: requestId(),
        clientRequestId: randomUUID(),
        accountNumber: accountNumber(account),
        outageId: outage,
        kind: 'goodwill',
        amountMinor: 100 + (slot % 300),
        reasonCode: 'service_recovery',
        justification: 'Customer waited two hours on the line during the outage.',
        interactionRef: `CALL-${slot}`,
      },
    };
  }

  private decide(): Operation | null {
    if (this.pendingHead >= this.pending.length) return null;
    const next = this.pending[this.pendingHead++]!;
    if (this.pendingHead > 10_000) {
      this.pending.splice(0, this.pendingHead);
      this.pendingHead = 0;
    }
    const approve = Math.random() < 0.8;
    return { op: 'override.decide', payload: { requestId: next.requestId, version: next.version, decision: approve ? 'approve' : 'reject', note: approve ? 'Checked the call notes.' : 'Not covered by the outage.' } };
  }

  /** Sends one operation from `desktop` now and waits for its answer. */
  async send(desktop: BenchDesktop, kind: OpKind): Promise<{ kind: OpKind; outcome: string }> {
    let operation = kind === 'decide' ? this.decide() : this.submit();
    if (!operation) {
      // Nothing waits for a decision: the supervisor files one, as supervisors may.
      this.fallbacks++;
      operation = this.submit();
    }
    const sentKind: OpKind = operation.op === 'override.submit' ? 'submit' : 'decide';
    const envelope = { desktopId: desktop.desktopId, seq: desktop.nextSeq, ...operation };
    const started = performance.now();
    if (sentKind === 'submit') this.sentAt.set(operation.payload.requestId as string, started);
    const response = await callHub(this.hub, 'POST', '/v1/operations', { operations: [envelope] }, { authorization: `Bearer ${desktop.token}` });
    if (response.status !== 200) {
      const code = (response.body as { error?: { code?: string } } | null)?.error?.code ?? 'none';
      return { kind: sentKind, outcome: `http ${response.status} ${code}` };
    }
    const answer = (response.body as { answers: Answer[] }).answers[0]!;
    if (answer.status === 'accepted' || answer.status === 'refused') desktop.nextSeq++;
    if (answer.status === 'accepted' && sentKind === 'submit') this.pending.push({ requestId: answer.request!.id, version: answer.request!.version });
    return { kind: sentKind, outcome: answer.status === 'refused' ? `refused ${answer.reason}` : answer.status };
  }

  /**
   * Queues an operation on the desktop's lane, timed from `dueAt`. One whose turn comes more
   * than `giveUpMs` after it was due is not sent (counted as such, with the time it waited):
   * a hub that has fallen that far behind has failed the run, and the bench still ends.
   */
  enqueue(desktop: BenchDesktop, kind: OpKind, dueAt: number, samples: OpSample[], giveUpMs: number): void {
    const previous = this.lanes.get(desktop.index) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (performance.now() - dueAt > giveUpMs) {
        const doneAt = performance.now();
        samples.push({ kind, latencyMs: doneAt - dueAt, outcome: `not sent, hub over ${giveUpMs / 1000} s behind`, doneAt });
        return;
      }
      const { kind: sent, outcome } = await this.send(desktop, kind);
      const doneAt = performance.now();
      samples.push({ kind: sent, latencyMs: doneAt - dueAt, outcome, doneAt });
    });
    this.lanes.set(desktop.index, next);
  }

  async drain(): Promise<void> {
    await Promise.all(this.lanes.values());
    this.lanes.clear();
  }
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/**
 * Open loop: operations arrive at `rate` a second (Poisson), half submits to a random agent's
 * desktop, half decisions to a random supervisor's, whether or not earlier ones are answered.
 * Latency counts from when each was due, so a hub that falls behind shows it.
 */
export async function runOpenLoop(site: Site, rate: number, seconds: number, giveUpMs = 5_000): Promise<{ samples: OpSample[]; offered: number; elapsedMs: number }> {
  const samples: OpSample[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  let due = start;
  let offered = 0;
  while (due < end) {
    const now = performance.now();
    while (due <= now && due < end) {
      const decide = offered % 2 === 1;
      site.enqueue(decide ? pick(site.supervisors) : pick(site.agents), decide ? 'decide' : 'submit', due, samples, giveUpMs);
      offered++;
      due += (-Math.log(1 - Math.random()) / rate) * 1000;
    }
    await sleep(1);
  }
  await site.drain();
  return { samples, offered, elapsedMs: performance.now() - start };
}

/**
 * Closed loop: `concurrency` desktops (half agents, half supervisors) each send their next
 * operation as soon as the last is answered, for `seconds`.
 */
export async function runClosedLoop(site: Site, concurrency: number, seconds: number): Promise<{ samples: OpSample[]; elapsedMs: number }> {
  const samples: OpSample[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  const half = Math.max(1, Math.floor(concurrency / 2));
  const active = [...site.agents.slice(0, concurrency - half), ...site.supervisors.slice(0, half)];
  await Promise.all(
    active.map(async (desktop) => {
      while (performance.now() < end) {
        const sent = performance.now();
        const { kind, outcome } = await site.send(desktop, desktop.role === 'agent' ? 'submit' : 'decide');
        const doneAt = performance.now();
        samples.push({ kind, latencyMs: doneAt - sent, outcome, doneAt });
      }
    }),
  );
  return { samples, elapsedMs: performance.now() - start };
}

export interface Propagation {
  /** From a submit being sent to another desktop holding the new request after its nudge and pull, ms. */
  readonly samples: number[];
  readonly pulls: number;
  readonly nudges: number;
  stop(): void;
}

/**
 * Every desktop keeps the change stream open, as a connected desktop does; the `pulling`
 * ones pull `GET /v1/changes` on a nudge (one pull at a time, every page until `hasMore` is
 * false; nudges meanwhile are folded into one; at least `gapMs` from the end of one pull to
 * the start of the next) and time each new request they see from when its submit was sent.
 */
export async function watchChanges(site: Site, pulling: readonly BenchDesktop[], since: number, gapMs: number): Promise<Propagation> {
  const samples: number[] = [];
  let pulls = 0;
  let nudges = 0;
  const pullers = new Set(pulling.map((d) => d.index));
  const streams = await Promise.all(
    site.desktops.map(async (desktop) => {
      let cursor = since;
      let known = since;
      let running = false;
      let lastPullEnded = -Infinity;
      const pull = async () => {
        running = true;
        try {
          const wait = lastPullEnded + gapMs - performance.now();
          if (wait > 0) await sleep(wait);
          while (known > cursor) {
            const page = await callHub(site.hub, 'GET', `/v1/changes?since=${cursor}&limit=1000`, undefined, { authorization: `Bearer ${desktop.token}` });
            pulls++;
            if (page.status !== 200) break;
            const body = page.body as { changes: { entity: string; id: string; data: { status?: string } }[]; cursor: number; head: number };
            const at = performance.now();
            for (const change of body.changes) {
              if (change.entity !== 'override_request' || change.data.status !== 'pending') continue;
              const sent = site.sentAt.get(change.id);
              if (sent !== undefined) samples.push(at - sent);
            }
            cursor = body.cursor;
            known = Math.max(known, body.head);
          }
        } finally {
          running = false;
          lastPullEnded = performance.now();
        }
        // A nudge that came while this pull ran and after its last page.
        if (known > cursor) void pull();
      };
      const stream = openChangeStream(site.hub, desktop.token, (head) => {
        nudges++;
        known = Math.max(known, head);
        if (pullers.has(desktop.index) && !running && known > cursor) void pull();
      });
      await stream.opened;
      return stream;
    }),
  );
  return {
    samples,
    get pulls() {
      return pulls;
    },
    get nudges() {
      return nudges;
    },
    stop: () => streams.forEach((s) => s.close()),
  };
}
