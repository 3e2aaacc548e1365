import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHubClient } from './hub-client';

type Reply = (request: IncomingMessage, body: string, response: ServerResponse) => void;

const desktopId = '3f1c2a9e-5b7d-4e21-9c3a-1d2e3f4a5b6c';
const session = {
  desktopId,
  operator: { operatorId: 3, username: 'sam', displayName: 'Sam', role: 'supervisor', locale: 'en-US', timeZone: 'America/Chicago' },
  expiresAt: '2026-03-10T23:00:00.000Z',
  lastAppliedSeq: 4,
  head: 10,
};

let dir: string;
let tls: { key: Buffer; cert: Buffer; otherCert: string };
const servers: Server[] = [];
const seen: { method: string; url: string; authorization: string | undefined; body: string }[] = [];

function makeCert(name: string) {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, `${name}-key.pem`), '-out', join(dir, `${name}-cert.pem`),
  ], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, `${name}-key.pem`)), cert: readFileSync(join(dir, `${name}-cert.pem`)) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-client-'));
  const hub = makeCert('hub');
  tls = { ...hub, otherCert: makeCert('other').cert.toString('utf8') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  seen.length = 0;
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function handler(reply: Reply) {
  return (request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
      reply(request, body, response);
    });
  };
}

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function httpHub(reply: Reply): Promise<string> {
  return `http://127.0.0.1:${await listen(createHttpServer(handler(reply)))}`;
}

function json(response: ServerResponse, status: number, value: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

describe('hub client', () => {
  it('sends the bearer token and hands back the answer once it matches the route output schema', async () => {
    const client = createHubClient({ url: await httpHub((_q, _b, response) => json(response, 200, session)), ca: null });
    const answer = await client.call('session', {}, 'ocds_token');
    expect(answer).toEqual({ ok: true, value: session });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/session', authorization: 'Bearer ocds_token' });
  });

  it('refuses an answer that does not match the route output schema', async () => {
    const client = createHubClient({ url: await httpHub((_q, _b, response) => json(response, 200, { ...session, head: -1 })), ca: null });
    expect(await client.call('session', {}, 't')).toMatchObject({ ok: false, error: { code: 'HUB_BAD_ANSWER', status: 200 } });
  });

  it('turns the hub error body into its code, status and details', async () => {
    const client = createHubClient({
      url: await httpHub((_q, _b, response) => json(response, 423, { error: { code: 'OPERATOR_LOCKED', details: { lockedUntil: '2026-03-10T16:00:00.000Z' } } })),
      ca: null,
    });
    const answer = await client.call('signIn', { desktopId, desktopSecret: `ocdd_${'a'.repeat(43)}`, username: 'sam', password: 'pw' });
    expect(answer).toEqual({ ok: false, error: { code: 'OPERATOR_LOCKED', status: 423, details: { lockedUntil: '2026-03-10T16:00:00.000Z' } } });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/sign-in' });
    expect(JSON.parse(seen[0]!.body)).toMatchObject({ username: 'sam' });
  });

  it('checks the input against the route schema before anything leaves', async () => {
    const client = createHubClient({ url: await httpHub((_q, _b, response) => json(response, 200, {})), ca: null });
    const answer = await client.call('enrol', { code: 'ABCD-EFGH-JKLM', name: 'desk', extra: 1 } as never);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(seen).toEqual([]);
  });

  it('puts a GET route input in the query string, with its defaults', async () => {
    const page = { changes: [], cursor: 5, hasMore: false, head: 5 };
    const client = createHubClient({ url: await httpHub((_q, _b, response) => json(response, 200, page)), ca: null });
    expect(await client.call('changes', { since: 5 }, 't')).toEqual({ ok: true, value: page });
    expect(seen[0]!.url).toBe('/v1/changes?since=5&limit=500');
  });

  it('answers HUB_UNREACHABLE when nothing listens', async () => {
    const port = await listen(createHttpServer());
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const client = createHubClient({ url: `http://127.0.0.1:${port}`, ca: null });
    expect(await client.call('session', {}, 't')).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
  });

  it('verifies an https hub against the configured CA and refuses one the CA does not vouch for', async () => {
    const port = await listen(createHttpsServer({ key: tls.key, cert: tls.cert }, handler((_q, _b, response) => json(response, 200, session))));
    const url = `https://127.0.0.1:${port}`;
    expect(await createHubClient({ url, ca: tls.cert.toString('utf8') }).call('session', {}, 't')).toMatchObject({ ok: true });
    expect(await createHubClient({ url, ca: tls.otherCert }).call('session', {}, 't')).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    expect(await createHubClient({ url, ca: null }).call('session', {}, 't')).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
  });

  it('reads change nudges from the event stream and ignores comments and other events', async () => {
    const url = await httpHub((_q, _b, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(': keep-alive\n\nevent: changed\ndata: {"head": 3}\n\nevent: other\ndata: {"head": 99}\n\n');
      response.end('event: changed\r\ndata: {"head":7}\r\n\r\n');
    });
    const heads: number[] = [];
    const ended = await new Promise((resolve) => createHubClient({ url, ca: null }).openChangeStream('ocds_t', (head) => heads.push(head), resolve));
    expect(ended).toBeNull();
    expect(heads).toEqual([3, 7]);
    expect(seen[0]).toMatchObject({ url: '/v1/changes/stream', authorization: 'Bearer ocds_t' });
  });

  it('hands well-formed screen-pop events to onScreenPop and drops malformed ones, nudges going on as before', async () => {
    const url = await httpHub((_q, _b, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('event: screen-pop\ndata: {"callerNumber":"+12125550147","accountNumber":null,"callId":"CALL-1"}\n\n');
      // A bad account number, a call id with a space, data that is not JSON: each dropped whole.
      response.write('event: screen-pop\ndata: {"callerNumber":"+12125550147","accountNumber":"12ab","callId":null}\n\n');
      response.write('event: screen-pop\ndata: {"callerNumber":"+12125550147","accountNumber":null,"callId":"CALL 1"}\n\n');
      response.write('event: screen-pop\ndata: not json\n\nevent: changed\ndata: {"head": 4}\n\n');
      response.end('event: screen-pop\ndata: {"callerNumber":"+13055550123","accountNumber":"287100000002","callId":null}\n\n');
    });
    const pops: unknown[] = [];
    const heads: number[] = [];
    await new Promise((resolve) => createHubClient({ url, ca: null }).openChangeStream('ocds_t', (head) => heads.push(head), resolve, (pop) => pops.push(pop)));
    expect(heads).toEqual([4]);
    expect(pops).toEqual([
      { callerNumber: '+12125550147', accountNumber: null, callId: 'CALL-1' },
      { callerNumber: '+13055550123', accountNumber: '287100000002', callId: null },
    ]);
  });
});
