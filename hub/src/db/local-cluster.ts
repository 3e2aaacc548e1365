import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface LocalCluster {
  readonly dataDir: string;
  readonly port: number;
  /** A connection URL for `database` as the cluster's superuser `postgres` (trust auth, loopback only). */
  url(database: string): string;
  /** `pg_ctl restart -m fast`: every connection is cut, the server comes back on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalClusterOptions {
  /** Created if missing; an existing initialised cluster there is started again. Default: a fresh temp dir. */
  readonly dataDir?: string;
  /** Off only for throwaway test clusters; a crash test must keep it on. */
  readonly fsync: boolean;
  readonly port?: number;
  /** Removed when the cluster stops (the default for a temp dir). */
  readonly removeOnStop?: boolean;
}

/** A port nobody listens on right now on 127.0.0.1 (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** initdb and the server refuse to run as root: run them as `postgres` then. */
async function asOwner(binary: string, args: string[]): Promise<void> {
  const file = join(PG_BIN, binary);
  if (isRoot) await run('runuser', ['-u', 'postgres', '--', file, ...args], { timeout: 120_000 });
  else await run(file, args, { timeout: 120_000 });
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Starts a private PostgreSQL cluster listening on 127.0.0.1 and on a socket inside its own
 * data directory, never on the image's `main` cluster. Callers must `stop()` it (tests do so
 * in their teardown, whatever happened).
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (${PG_BIN}/initdb missing): apt-get install -y --no-install-recommends postgresql`);
  }
  const tempRoot = options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'ocd-pg-')) : null;
  const dataDir = options.dataDir ?? join(tempRoot as string, 'data');
  const removeOnStop = options.removeOnStop ?? tempRoot !== null;
  // mkdtemp makes the folder 0700 for root; the server runs as postgres and must get in.
  if (tempRoot) chmodSync(tempRoot, 0o755);
  mkdirSync(dataDir, { recursive: true });
  if (isRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dataDir, uid, gid);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await asOwner('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  const port = options.port ?? (await freePort());
  const serverOptions = [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-k ${dataDir}`,
    `-c fsync=${options.fsync ? 'on' : 'off'}`,
    '-c max_connections=300',
  ];
  if (!options.fsync) serverOptions.push('-c synchronous_commit=off', '-c full_page_writes=off');
  await asOwner('pg_ctl', ['-D', dataDir, '-w', '-t', '60', '-l', join(dataDir, 'server.log'), '-o', serverOptions.join(' '), 'start']);

  let stopped = false;
  return {
    dataDir,
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async restart() {
      // pg_ctl restart starts the server again with the options it was started with (postmaster.opts).
      await asOwner('pg_ctl', ['-D', dataDir, '-w', '-t', '60', '-m', 'fast', '-l', join(dataDir, 'server.log'), 'restart']);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await asOwner('pg_ctl', ['-D', dataDir, '-w', '-t', '60', '-m', 'fast', 'stop']);
      } finally {
        if (removeOnStop) rmSync(tempRoot ?? dataDir, { recursive: true, force: true });
      }
    },
  };
}
