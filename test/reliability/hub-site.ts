import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { hashPassword } from '../../hub/src/auth/password-hash';
import { newSecret, secretHash } from '../../hub/src/common/secrets';
import { startLocalCluster, type LocalCluster } from '../../hub/src/db/local-cluster';
import { migrate } from '../../hub/src/db/migrate';
import { PROJECT_ROOT } from './child-process';

const PASSWORD = 'reliable-password-1';
const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface HubSite {
  readonly cluster: LocalCluster;
  readonly appUrl: string;
  readonly owner: pg.Pool;
  readonly desktops: { desktopId: string; desktopSecret: string; username: string }[];
  close(): Promise<void>;
}

/** A private cluster with fsync ON (a crash test must not be helped by a cache), migrated and seeded. */
export async function startHubSite(desktopCount: number, accounts: number): Promise<HubSite> {
  const cluster = await startLocalCluster({ fsync: true });
  try {
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE ocd_hub');
    await admin.end();
    const setup = new pg.Client({ connectionString: cluster.url('ocd_hub') });
    await setup.connect();
    await migrate(setup);
    await setup.query('CREATE ROLE ocd_hub LOGIN IN ROLE ocd_hub_app');
    await setup.end();
    const owner = new pg.Pool({ connectionString: cluster.url('ocd_hub'), max: 4 });
    owner.on('error', () => undefined);
    const hash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
    const desktops = [];
    for (let index = 0; index < desktopCount; index++) {
      const username = `agent${index}`;
      await owner.query(
        `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at) VALUES ($1, $1, 'agent', $2, 'en-US', 'UTC', now())`,
        [username, hash],
      );
      const desktop = { desktopId: randomUUID(), desktopSecret: newSecret('ocdd_'), username };
      await owner.query("INSERT INTO desktops (id, name, label, secret_hash, enrolled_at) VALUES ($1, $2, 'reliability', $3, now())", [
        desktop.desktopId,
        `desktop ${index}`,
        secretHash(desktop.desktopSecret),
      ]);
      desktops.push(desktop);
    }
    await owner.query(
      `INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day)
       SELECT '2871' || lpad(n::text, 8, '0'), 'Holder ' || n, 'USD', 'north', 12 FROM generate_series(0, $1 - 1) AS n`,
      [accounts],
    );
    await owner.query("INSERT INTO outages (id, title, starts_at, regions) VALUES (1, 'North fibre cut', now() - interval '1 day', '{north}')");
    await owner.query('UPDATE override_currency_limits SET agent_daily_total_minor = 2000000');
    const appUrl = new URL(cluster.url('ocd_hub'));
    appUrl.username = 'ocd_hub';
    return {
      cluster,
      appUrl: appUrl.toString(),
      owner,
      desktops,
      async close() {
        await owner.end();
        await cluster.stop();
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

export interface HubChild {
  readonly child: ChildProcess;
  readonly output: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm run hub` as a child: `node --import tsx` so that a SIGKILL reaches the hub itself, not a wrapper. */
export async function spawnHub(databaseUrl: string, port: number): Promise<HubChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'hub/src/app/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), HUB_LOG: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  await new Promise<void>((done, fail) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output.push(chunk);
      if (output.join('').includes('hub: listening at')) done();
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    void exited.then(({ code, signal }) => fail(new Error(`hub exited (${code ?? signal}) before listening: ${output.join('')}`)));
  });
  return { child, output, exited };
}

function requestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(26)), (byte) => ULID_ALPHABET[byte & 31]).join('');
}

export interface Envelope {
  desktopId: string;
  seq: number;
  op: 'override.submit';
  payload: Record<string, unknown> & { requestId: string };
}

export interface Answer {
  seq: number;
  status: 'accepted' | 'refused' | 'out_of_order';
  replayed?: boolean;
  expectedSeq?: number;
}

/**
 * A desktop's outbox as the desktop keeps it: operations numbered 1..N, each removed only
 * when the hub has answered it (accepted or refused); anything else (a cut connection, a 503)
 * leaves it to be sent again, with the same seq.
 */
export class Outbox {
  readonly envelopes: Envelope[];
  readonly answers = new Map<number, Answer>();
  /** Seqs sent in a push that got no answer (connection cut, 503): the hub may or may not hold them. */
  readonly unanswered = new Set<number>();
  readonly statuses: string[] = [];
  private next = 0;
  token = '';

  constructor(
    readonly desktop: { desktopId: string; desktopSecret: string; username: string },
    size: number,
    firstAccount: number,
  ) {
    this.envelopes = Array.from({ length: size }, (_, index) => ({
      desktopId: desktop.desktopId,
      seq: index + 1,
      op: 'override.submit' as const,
      payload: {
        requestId: requestId(),
        clientRequestId: randomUUID(),
        accountNumber: `2871${String(firstAccount + index).padStart(8, '0')}`,
        outageId: 1,
        kind: 'goodwill',
        amountMinor: 1000,
        reasonCode: 'service_recovery',
        justification: 'Customer waited two hours on the line.',
        interactionRef: `CALL-${index}`,
      },
    }));
  }

  envelope(seq: number): Envelope {
    return this.envelopes[seq - this.envelopes[0]!.seq]!;
  }

  get drained(): boolean {
    return this.next >= this.envelopes.length;
  }

  async signIn(base: string): Promise<void> {
    const response = await fetch(`${base}/v1/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ desktopId: this.desktop.desktopId, desktopSecret: this.desktop.desktopSecret, username: this.desktop.username, password: PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`sign-in ${this.desktop.username}: ${response.status} ${await response.text()}`);
    this.token = ((await response.json()) as { token: string }).token;
  }

  /** Sends `envelopes` in one push; returns the HTTP status, or 0 when the connection failed. */
  async push(base: string, envelopes: readonly Envelope[], timeoutMs = 15_000): Promise<{ status: number; answers: Answer[]; ms: number }> {
    const started = performance.now();
    try {
      const response = await fetch(`${base}/v1/operations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ operations: envelopes }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json()) as { answers?: Answer[]; error?: { code: string } };
      this.statuses.push(response.status === 200 ? '200' : `${response.status} ${body.error?.code}`);
      return { status: response.status, answers: body.answers ?? [], ms: performance.now() - started };
    } catch (error) {
      this.statuses.push(`no answer: ${(error as Error).name}`);
      return { status: 0, answers: [], ms: performance.now() - started };
    }
  }

  /** The next few operations not yet answered, sent once; answers are recorded and the outbox moves on. */
  async step(base: string, batch: number): Promise<{ status: number; ms: number }> {
    const envelopes = this.envelopes.slice(this.next, this.next + batch);
    const { status, answers, ms } = await this.push(base, envelopes);
    if (status !== 200) {
      for (const envelope of envelopes) this.unanswered.add(envelope.seq);
      return { status, ms };
    }
    for (const answer of answers) {
      const first = this.envelopes[0]!.seq;
      if (answer.status === 'out_of_order') {
        this.next = answer.expectedSeq! - first;
        break;
      }
      this.answers.set(answer.seq, answer);
      this.next = answer.seq - first + 1;
    }
    return { status, ms };
  }
}
