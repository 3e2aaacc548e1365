import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Role } from '@shared/domain/operator';
import type { SignInResponse } from '@shared/hub/auth';
import { buildHub, type HubOptions } from '../src/app/build-hub';
import { hashPassword } from '../src/auth/password-hash';
import { newSecret, secretHash } from '../src/common/secrets';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestOperator {
  readonly username: string;
  readonly role: Role;
  readonly password: string;
  id: number;
}

export const operators = {
  alice: { username: 'alice', role: 'agent', password: 'alice-password-1', id: 0 },
  bob: { username: 'bob', role: 'agent', password: 'bob-password-1', id: 0 },
  sam: { username: 'sam', role: 'supervisor', password: 'sam-password-1', id: 0 },
  sue: { username: 'sue', role: 'supervisor', password: 'sue-password-1', id: 0 },
  ada: { username: 'ada', role: 'admin', password: 'ada-password-1', id: 0 },
} satisfies Record<string, TestOperator>;

export type OperatorName = keyof typeof operators;

export interface TestDesktop {
  readonly desktopId: string;
  readonly desktopSecret: string;
}

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private nowMs: number) {}
  now = (): Date => new Date(this.nowMs);
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

export interface HubFixture {
  readonly database: TestDatabase;
  /** As the hub's own role, as in production. */
  readonly pool: pg.Pool;
  /** As the superuser: seeding and checks behind the hub's back. */
  readonly owner: pg.Pool;
  readonly clock: TestClock;
  readonly hub: FastifyInstance;
  readonly desktops: TestDesktop[];
  close(): Promise<void>;
}

let hashes: Map<string, string> | null = null;

/** The cheap scrypt cost of the seeded operators, and the hub's cost in tests unless one says otherwise: the same code, faster. */
export const TEST_HUB_PASSWORD_COST = { N: 1024, r: 8, p: 1 } as const;

/** One database per test file, seeded with the operators, two accounts, two outages and two enrolled desktops. */
export async function startHubFixture(options: Partial<HubOptions> = {}): Promise<HubFixture> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.appUrl, max: 10 });
  const owner = new pg.Pool({ connectionString: database.ownerUrl, max: 4 });
  // DROP DATABASE ... WITH (FORCE) at the end may cut a connection that is still closing.
  for (const each of [pool, owner]) each.on('error', () => undefined);
  const clock = new TestClock(Date.parse('2026-03-10T15:00:00.000Z'));
  hashes ??= new Map(await Promise.all(Object.values(operators).map(async (o) => [o.username, await hashPassword(o.password, TEST_HUB_PASSWORD_COST)] as const)));
  for (const operator of Object.values(operators)) {
    const { rows } = await owner.query<{ id: number }>(
      `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at)
       VALUES ($1, $2, $3, $4, 'en-US', 'America/Chicago', now()) RETURNING id`,
      [operator.username, operator.username.toUpperCase(), operator.role, hashes.get(operator.username)],
    );
    operator.id = rows[0]!.id;
  }
  await owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day) VALUES
    ('287100000001', 'Dana Holder', 'USD', 'north', 12), ('287100000002', 'Eli Holder', 'USD', 'north', 20),
    ('287100000003', 'Fay Holder', 'USD', 'south', 5)`);
  await owner.query(`INSERT INTO outages (id, title, starts_at, regions, policy_code) VALUES
    (1, 'North fibre cut', '2026-03-09T08:00:00Z', '{north}', 'sla-basic'), (2, 'South mast fire', '2026-03-09T09:00:00Z', '{south}', NULL)`);
  const desktops: TestDesktop[] = [];
  for (let index = 0; index < 2; index++) {
    const desktop = { desktopId: crypto.randomUUID(), desktopSecret: newSecret('ocdd_') };
    await owner.query("INSERT INTO desktops (id, name, label, secret_hash, enrolled_at) VALUES ($1, $2, 'test', $3, now())", [
      desktop.desktopId,
      `desktop ${index + 1}`,
      secretHash(desktop.desktopSecret),
    ]);
    desktops.push(desktop);
  }
  const hub = buildHub({ pool, clock: clock.now, passwordCost: TEST_HUB_PASSWORD_COST, ...options });
  await hub.ready();
  return {
    database,
    pool,
    owner,
    clock,
    hub,
    desktops,
    async close() {
      await hub.close();
      await pool.end();
      await owner.end();
      await database.drop();
    },
  };
}

export async function signIn(fixture: HubFixture, who: OperatorName, desktop: TestDesktop = fixture.desktops[0]!): Promise<SignInResponse> {
  const response = await fixture.hub.inject({
    method: 'POST',
    url: '/v1/sign-in',
    payload: { ...desktop, username: who, password: operators[who].password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${who} failed: ${response.body}`);
  return response.json();
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

const requestIdAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id, as a desktop gives a request it files. */
export function newRequestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(26)), (byte) => requestIdAlphabet[byte & 31]).join('');
}

export function submitPayload(accountNumber: string, outageId: number, amountMinor: number, overrides: Record<string, unknown> = {}) {
  return {
    requestId: newRequestId(),
    clientRequestId: crypto.randomUUID(),
    accountNumber,
    outageId,
    kind: 'goodwill',
    amountMinor,
    reasonCode: 'service_recovery',
    justification: 'Customer waited two hours on the line.',
    interactionRef: 'CALL-1',
    ...overrides,
  };
}

/** One operator signed in on one desktop, pushing operations with the desktop's next seqs. */
export class DesktopClient {
  private static lastSeq = new Map<string, number>();

  constructor(
    readonly fixture: HubFixture,
    readonly desktop: TestDesktop,
    readonly token: string,
  ) {}

  static async signIn(fixture: HubFixture, who: OperatorName, desktop: TestDesktop): Promise<DesktopClient> {
    return new DesktopClient(fixture, desktop, (await signIn(fixture, who, desktop)).token);
  }

  /** Envelopes for `ops` with the next seqs of this desktop. */
  envelopes<P>(ops: readonly { op: string; payload: P }[]) {
    let seq = DesktopClient.lastSeq.get(this.desktop.desktopId) ?? 0;
    const envelopes = ops.map((op) => ({ desktopId: this.desktop.desktopId, seq: ++seq, ...op }));
    DesktopClient.lastSeq.set(this.desktop.desktopId, seq);
    return envelopes;
  }

  async send(operations: readonly unknown[]) {
    return this.fixture.hub.inject({ method: 'POST', url: '/v1/operations', headers: bearer(this.token), payload: { operations } });
  }

  /** Pushes `ops` and returns the answers; fails the test on a non-200. */
  async push(...ops: { op: string; payload: unknown }[]) {
    const response = await this.send(this.envelopes(ops));
    if (response.statusCode !== 200) throw new Error(`push failed: ${response.statusCode} ${response.body}`);
    return response.json() as { answers: Array<Record<string, unknown> & { status: string; request?: Record<string, unknown> }>; lastAppliedSeq: number };
  }

  async one(op: string, payload: unknown) {
    return (await this.push({ op, payload })).answers[0]!;
  }
}
