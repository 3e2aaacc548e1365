import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { HubScreenPop } from '@shared/hub/screen-pop';
import { HubFailure } from '../common/hub-failure';

/** Channel of a screen-pop between hub processes; payload `{ popId, operatorId, pop }`. */
export const SCREEN_POP_CHANNEL = 'ocd_screen_pop';
/** Each hub process's answer to one: `{ popId, delivered }`, how many of its streams took it. */
export const SCREEN_POP_ACK_CHANNEL = 'ocd_screen_pop_ack';
/** The relays' LISTEN sessions are named so, so that a relay can count the hub processes it waits for. */
export const RELAY_APPLICATION_NAME = 'ocd_hub_screen_pop';

const Broadcast = z.object({ popId: z.uuid(), operatorId: z.int().positive(), pop: HubScreenPop });
const Ack = z.object({ popId: z.uuid(), delivered: z.int().min(0) });

/** Writes one pop to one stream; false when the stream could not take it (closing, or its session ended). */
export type PopSink = (pop: HubScreenPop) => Promise<boolean>;

export interface ScreenPopRelay {
  /** A change stream of `operatorId` in this process takes their pops until the returned function runs. */
  attach(operatorId: number, sink: PopSink): () => void;
  /** Sends `pop` to every stream of `operatorId` in every hub process; resolves with how many took it. */
  publish(operatorId: number, pop: HubScreenPop): Promise<number>;
  close(): Promise<void>;
}

export interface ScreenPopRelayOptions {
  /** For the dedicated LISTEN session (never a pooled connection). */
  readonly connectionString: string;
  /** How long a publish waits for the other hub processes' answers at most. */
  readonly ackWaitMs?: number;
  readonly onError?: (error: unknown) => void;
}

interface Pending {
  expected: number;
  answered: number;
  delivered: number;
  done: (delivered: number) => void;
}

/**
 * Screen-pops across hub processes through PostgreSQL LISTEN/NOTIFY, as the change nudge
 * crosses them: the process that takes the POST notifies `ocd_screen_pop`; every process's
 * relay (its own included) writes it to its local streams of that operator and answers with
 * a count on `ocd_screen_pop_ack`. The publisher waits for one answer per hub process
 * (counted from pg_stat_activity by the relays' application_name) or `ackWaitMs`, and sums.
 * Nothing is stored: a pop nobody is connected to hear is gone.
 */
export async function startScreenPopRelay(options: ScreenPopRelayOptions): Promise<ScreenPopRelay> {
  const sinks = new Map<number, Set<PopSink>>();
  const pending = new Map<string, Pending>();
  const ackWaitMs = options.ackWaitMs ?? 1_000;
  let closed = false;
  let client: pg.Client | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;

  const deliverLocally = async (operatorId: number, pop: HubScreenPop): Promise<number> => {
    const taken = await Promise.all([...(sinks.get(operatorId) ?? [])].map((sink) => sink(pop).catch(() => false)));
    return taken.filter(Boolean).length;
  };

  const onBroadcast = async (payload: string | undefined, on: pg.Client) => {
    const message = Broadcast.safeParse(safeJson(payload));
    if (!message.success) return;
    const delivered = await deliverLocally(message.data.operatorId, message.data.pop);
    await on.query('SELECT pg_notify($1, $2)', [SCREEN_POP_ACK_CHANNEL, JSON.stringify({ popId: message.data.popId, delivered })]);
  };

  const onAck = (payload: string | undefined) => {
    const message = Ack.safeParse(safeJson(payload));
    if (!message.success) return;
    const waiting = pending.get(message.data.popId);
    if (!waiting) return;
    waiting.answered += 1;
    waiting.delivered += message.data.delivered;
    if (waiting.answered >= waiting.expected) waiting.done(waiting.delivered);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: options.connectionString, application_name: RELAY_APPLICATION_NAME });
    next.on('notification', (message) => {
      if (message.channel === SCREEN_POP_CHANNEL) onBroadcast(message.payload, next).catch((error) => options.onError?.(error));
      else if (message.channel === SCREEN_POP_ACK_CHANNEL) onAck(message.payload);
    });
    next.on('error', (error) => {
      options.onError?.(error);
      scheduleReconnect();
    });
    next.on('end', () => scheduleReconnect());
    await next.connect();
    await next.query(`LISTEN ${SCREEN_POP_CHANNEL}; LISTEN ${SCREEN_POP_ACK_CHANNEL}`);
    client = next;
  };

  const scheduleReconnect = () => {
    if (closed || reconnectTimer) return;
    const old = client;
    client = null;
    old?.removeAllListeners();
    old?.end().catch(() => undefined);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect().catch((error) => {
        options.onError?.(error);
        scheduleReconnect();
      });
    }, 500);
  };

  await connect();

  return {
    attach(operatorId, sink) {
      let set = sinks.get(operatorId);
      if (!set) sinks.set(operatorId, (set = new Set()));
      set.add(sink);
      return () => {
        set.delete(sink);
        if (set.size === 0 && sinks.get(operatorId) === set) sinks.delete(operatorId);
      };
    },
    async publish(operatorId, pop) {
      const on = client;
      // This process's relay is not listening (its connection is being re-made): a fault of the moment.
      if (!on) throw new HubFailure('UNAVAILABLE', { retryAfterSeconds: 1 });
      const { rows } = await on.query<{ processes: number }>(
        'SELECT count(*)::int AS processes FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
        [RELAY_APPLICATION_NAME],
      );
      const popId = randomUUID();
      const answer = new Promise<number>((resolve) => {
        const timer = setTimeout(() => finish(pending.get(popId)?.delivered ?? 0), ackWaitMs);
        const finish = (delivered: number) => {
          clearTimeout(timer);
          pending.delete(popId);
          resolve(delivered);
        };
        pending.set(popId, { expected: Math.max(1, rows[0]!.processes), answered: 0, delivered: 0, done: finish });
      });
      await on.query('SELECT pg_notify($1, $2)', [SCREEN_POP_CHANNEL, JSON.stringify({ popId, operatorId, pop })]);
      return answer;
    },
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const waiting of pending.values()) waiting.done(waiting.delivered);
      sinks.clear();
      const old = client;
      client = null;
      old?.removeAllListeners();
      await old?.end().catch(() => undefined);
    },
  };
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return null;
  }
}
