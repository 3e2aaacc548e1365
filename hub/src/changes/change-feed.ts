import pg from 'pg';
import { CHANGES_CHANNEL } from './change-log-repo';

export type HeadListener = (head: number) => void;

export interface ChangeFeed {
  /** The highest head heard of (or read at start). */
  head(): number;
  subscribe(listener: HeadListener): () => void;
  close(): Promise<void>;
}

export interface ChangeFeedOptions {
  /** Connection for the dedicated LISTEN session (LISTEN needs its own connection, never a pooled one). */
  readonly connectionString: string;
  /** Also re-read the head this often, in case a notification was lost (a LISTEN can go quiet after a network fault). */
  readonly pollMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Hears every commit to the change log, from this hub process or any other on the same
 * database, through LISTEN/NOTIFY, and tells subscribers the new head. Reconnects after a
 * lost connection, and polls the head as a fallback.
 */
export async function startChangeFeed(options: ChangeFeedOptions): Promise<ChangeFeed> {
  const listeners = new Set<HeadListener>();
  let head = 0;
  let closed = false;
  let client: pg.Client | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;

  const advance = (next: number) => {
    if (!(next > head)) return;
    head = next;
    for (const listener of listeners) listener(head);
  };

  const readHead = async (on: pg.Client) => {
    const { rows } = await on.query<{ head: number }>('SELECT coalesce(max(position), 0)::int AS head FROM change_log');
    advance(rows[0]!.head);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: options.connectionString });
    next.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) advance(Number(message.payload));
    });
    next.on('error', (error) => {
      options.onError?.(error);
      scheduleReconnect();
    });
    next.on('end', () => scheduleReconnect());
    await next.connect();
    await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    client = next;
    // Whatever committed while no one listened.
    await readHead(next);
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
  const poll = setInterval(() => {
    if (client) readHead(client).catch((error) => options.onError?.(error));
  }, options.pollMs ?? 5_000);
  poll.unref();

  return {
    head: () => head,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearInterval(poll);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      listeners.clear();
      const old = client;
      client = null;
      old?.removeAllListeners();
      await old?.end().catch(() => undefined);
    },
  };
}
