import { readFileSync } from 'node:fs';
import pg from 'pg';
import { verifyAuditChain } from '../audit/audit-repo';
import { startChangeFeed } from '../changes/change-feed';
import { allMigrations } from '../db/all-migrations';
import { restoreIndexesLeftAside } from '../feeds/hub-import';
import { startScreenPopRelay } from '../screen-pop/screen-pop-relay';
import { buildHub } from './build-hub';

export interface HubConfig {
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
  readonly tlsCertFile?: string | undefined;
  readonly tlsKeyFile?: string | undefined;
  readonly poolSize?: number;
  /** Hops of proxies to trust for the client address (rate limits), e.g. 1 behind one load balancer. */
  readonly trustProxyHops?: number | undefined;
  readonly log?: boolean;
}

export interface RunningHub {
  readonly url: string;
  close(): Promise<void>;
}

/** Reads the configuration from the environment; a missing or half-given setting is an error, not a default. */
export function hubConfigFromEnv(env: NodeJS.ProcessEnv): HubConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (postgres://user@host:port/database, as the hub role)');
  const port = Number(env.PORT ?? '7420');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT is not a port: ${env.PORT}`);
  if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) throw new Error('give both TLS_CERT_FILE and TLS_KEY_FILE, or neither');
  const hops = env.TRUST_PROXY_HOPS === undefined ? undefined : Number(env.TRUST_PROXY_HOPS);
  if (hops !== undefined && !(Number.isInteger(hops) && hops >= 0)) throw new Error(`TRUST_PROXY_HOPS is not a count: ${env.TRUST_PROXY_HOPS}`);
  return {
    databaseUrl,
    host: env.HOST ?? '127.0.0.1',
    port,
    tlsCertFile: env.TLS_CERT_FILE || undefined,
    tlsKeyFile: env.TLS_KEY_FILE || undefined,
    poolSize: env.PG_POOL_SIZE ? Number(env.PG_POOL_SIZE) : 20,
    trustProxyHops: hops,
    log: env.HUB_LOG !== '0',
  };
}

async function checkDatabase(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  const version = rows[0]?.version ?? 0;
  if (version !== allMigrations.length) {
    throw new Error(`database schema is at version ${version}, this hub needs ${allMigrations.length}: run the migrations as the database owner first`);
  }
  const chain = await verifyAuditChain(pool);
  if (!chain.ok) throw new Error(`the audit chain is broken at event ${chain.brokenAtSeq}: refusing to start`);
}

/** Trust the nearest `hops` proxies' X-Forwarded-For, and no further. */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/**
 * Starts one hub process: checks the schema and the audit chain, builds indexes an interrupted
 * first load left set aside, opens the pool and the
 * LISTEN connection, and listens on the configured address only (https when given a
 * certificate and key).
 */
export async function startHub(config: HubConfig): Promise<RunningHub> {
  // A connection not had in 5 s (PostgreSQL unreachable, or every one busy that long) fails the request
  // with UNAVAILABLE instead of holding it for as long as the network takes to give up.
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 20, connectionTimeoutMillis: 5_000 });
  // An idle client's connection dropped (a PostgreSQL restart): the pool replaces it; say so.
  pool.on('error', (error) => console.error('hub: idle database connection failed:', error.message));
  try {
    await checkDatabase(pool);
    // An import killed during a first load (and not re-run since) left indexes set aside: searches and pulls need them.
    const rebuilt = await restoreIndexesLeftAside(pool);
    if (rebuilt > 0) console.error(`hub: built ${rebuilt} carrier indexes an interrupted import had set aside`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const feed = await startChangeFeed({ connectionString: config.databaseUrl, onError: (error) => console.error('hub: change feed:', (error as Error).message) });
  const screenPops = await startScreenPopRelay({ connectionString: config.databaseUrl, onError: (error) => console.error('hub: screen-pop relay:', (error as Error).message) });
  const https = config.tlsCertFile && config.tlsKeyFile ? { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) } : null;
  const hub = buildHub({
    pool,
    changeFeed: feed,
    screenPops,
    https,
    logger: config.log ?? true,
    ...(config.trustProxyHops !== undefined ? { trustProxy: trustHops(config.trustProxyHops) } : {}),
  });
  const address = await hub.listen({ host: config.host, port: config.port });
  return {
    url: address,
    async close() {
      await hub.close();
      await feed.close();
      await screenPops.close();
      await pool.end();
    },
  };
}

/** Stops cleanly on SIGINT/SIGTERM: in-flight requests finish, streams end, connections close. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`hub: ${signal}, stopping`);
    stop().then(
      () => process.exit(0),
      (error) => {
        console.error('hub: stop failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
