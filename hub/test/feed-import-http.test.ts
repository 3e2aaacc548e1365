import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_UPLOAD_PATH } from '@shared/hub/imports';
import { importsOf } from '../src/app/build-hub';
import type { FileProgress } from '../src/feeds/hub-import';
import { bearer, signIn, startHubFixture, type HubFixture } from './hub-fixture';

const SAMPLE = resolve(__dirname, '../../resources/sample-feeds');
const badCredit = (id: string) =>
  JSON.stringify({ source_id: id, account_source_id: 'NOPE', outage_source_id: 'us-2024-08-05-storm', policy_code: 'att-2024-02-make-it-right', policy_version: 1,
    amount_minor: 100, currency: 'USD', source: 'automatic', status: 'scheduled', scheduled_on: '2024-08-10', bill_date: '2024-09-01', created_at: '2024-08-10T00:00:00.000Z' });
/** The sample feeds and two credits the hub cannot apply (no such account). */
const sampleFiles = [
  ...readdirSync(SAMPLE).sort().map((name) => ({ name, content: readFileSync(resolve(SAMPLE, name)) })),
  { name: 'credits-bad.ndjson', content: Buffer.from(`${badCredit('CR-X1')}\n${badCredit('CR-X2')}\n`) },
];

let fixture: HubFixture;
let admin: string;
let agent: string;
/** Held open by a test that needs a run to wait between chunks. */
let gate: Promise<void> | null = null;

beforeAll(async () => {
  fixture = await startHubFixture({ imports: { chunkRows: 20, hooks: { afterChunk: async (_file: FileProgress) => void (await gate) } } });
  admin = (await signIn(fixture, 'ada')).token;
  agent = (await signIn(fixture, 'alice')).token;
});
afterAll(async () => {
  await fixture?.close();
});

async function call(method: 'GET' | 'POST', url: string, token: string, payload?: Record<string, unknown>) {
  return fixture.hub.inject(payload === undefined ? { method, url, headers: bearer(token) } : { method, url, headers: bearer(token), payload });
}

async function upload(token: string, runId: string, position: number, body: Buffer) {
  return fixture.hub.inject({
    method: 'PUT',
    url: `${IMPORT_UPLOAD_PATH}?runId=${runId}&position=${position}`,
    headers: { ...bearer(token), 'content-type': 'application/octet-stream' },
    payload: body,
  });
}

async function createRun(files = sampleFiles) {
  const created = await call('POST', '/v1/admin/imports', admin, { files: files.map((f) => ({ name: f.name, bytes: f.content.length })) });
  expect(created.statusCode).toBe(200);
  return created.json().runId as string;
}

describe('feed import at the hub over HTTP', () => {
  it('an admin creates a run, streams each file, starts it and reads its progress, counts and rejected rows', async () => {
    const runId = await createRun();
    for (const [position, file] of sampleFiles.entries()) {
      const stored = await upload(admin, runId, position, file.content);
      expect(stored.statusCode).toBe(200);
      expect(stored.json()).toEqual({ position, bytes: file.content.length });
    }
    const waiting = await call('GET', `/v1/admin/imports/status?runId=${runId}`, admin);
    expect(waiting.json()).toMatchObject({ state: 'checking', files: [] });
    const started = await call('POST', '/v1/admin/imports/start', admin, { runId });
    expect(started.statusCode).toBe(200);
    await importsOf(fixture.hub).finished(runId);
    const status = (await call('GET', `/v1/admin/imports/status?runId=${runId}`, admin)).json();
    expect(status).toMatchObject({ runId, state: 'done', rowsTotal: 187, rowsDone: 187, rejectedTotal: 2, reportPath: null });
    expect(status.files.map((f: Record<string, unknown>) => [f.fileName, f.inserted, f.updated, f.unchanged, f.rejected])).toEqual([
      ['accounts.csv', 42, 3, 0, 0],
      ['lines.csv', 74, 0, 0, 0],
      ['outages.ndjson', 4, 0, 0, 0],
      ['impacts.ndjson', 50, 0, 0, 0],
      ['credit_policies.ndjson', 10, 0, 0, 0],
      ['credits-bad.ndjson', 0, 0, 0, 2],
      ['credits.ndjson', 2, 0, 0, 0],
    ]);
    expect(status.rejections).toHaveLength(2);
    const page = (await call('GET', `/v1/admin/imports/rejections?runId=${runId}&offset=1&limit=5`, admin)).json();
    expect(page).toEqual({ total: 2, rejections: [{ fileName: 'credits-bad.ndjson', line: 2, field: 'account_source_id', reason: 'unknown_reference', detail: 'no account NOPE' }] });

    // Every desktop hears of it through the change log: an agent's pull shows the import's batches.
    const changes = (await call('GET', '/v1/changes?since=0&limit=1000', agent)).json();
    const batches = changes.changes.filter((c: { entity: string }) => c.entity === 'carrier_batch');
    expect(batches.map((c: { data: { tables: string[]; runId: string } }) => c.data.runId)).toEqual(Array(batches.length).fill(runId));
    expect(batches.flatMap((c: { data: { tables: string[] } }) => c.data.tables)).toContain('outages');
  });

  it('is for admins only, token checked before the body is read', async () => {
    expect((await call('POST', '/v1/admin/imports', agent, { files: [{ name: 'accounts.csv', bytes: 1 }] })).json().error.code).toBe('FORBIDDEN_ROLE');
    const runId = await createRun(sampleFiles.slice(0, 1));
    expect((await upload(agent, runId, 0, sampleFiles[0]!.content)).json().error.code).toBe('FORBIDDEN_ROLE');
    const anonymous = await fixture.hub.inject({ method: 'PUT', url: `${IMPORT_UPLOAD_PATH}?runId=${runId}&position=0`, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from('x') });
    expect(anonymous.json().error.code).toBe('NOT_SIGNED_IN');
    expect((await call('GET', `/v1/admin/imports/status?runId=${runId}`, agent)).json().error.code).toBe('FORBIDDEN_ROLE');
    await call('POST', '/v1/admin/imports/cancel', admin, { runId });
  });

  it('takes exactly the declared bytes, and starts only once every file is there', async () => {
    const files = sampleFiles.slice(0, 2);
    const runId = await createRun(files);
    const tooBig = await upload(admin, runId, 0, Buffer.concat([files[0]!.content, Buffer.from('x')]));
    expect(tooBig.statusCode).toBe(413);
    const tooSmall = await upload(admin, runId, 0, files[0]!.content.subarray(1));
    expect(tooSmall.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'size_mismatch' } });
    expect((await upload(admin, runId, 5, files[0]!.content)).json().error.code).toBe('INVALID_INPUT');
    expect((await upload(admin, runId, 0, files[0]!.content)).statusCode).toBe(200);
    const early = await call('POST', '/v1/admin/imports/start', admin, { runId });
    expect(early.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'files_missing', missing: '1' } });
    const json = await fixture.hub.inject({ method: 'PUT', url: `${IMPORT_UPLOAD_PATH}?runId=${runId}&position=1`, headers: bearer(admin), payload: { a: 1 } });
    expect(json.statusCode).toBe(400);
    expect((await call('POST', '/v1/admin/imports', admin, { files: [{ name: '../etc/passwd', bytes: 1 }] })).statusCode).toBe(400);
    expect((await call('GET', `/v1/admin/imports/status?runId=${crypto.randomUUID()}`, admin)).statusCode).toBe(404);
    await call('POST', '/v1/admin/imports/cancel', admin, { runId });
  });

  it('a malformed file refuses the run with its problem; cancel stops a run after its chunk', async () => {
    const bad = [{ name: 'lines.csv', content: Buffer.from('source_id,nope\n') }];
    const refusedRun = await createRun(bad);
    await upload(admin, refusedRun, 0, bad[0]!.content);
    await call('POST', '/v1/admin/imports/start', admin, { runId: refusedRun });
    await importsOf(fixture.hub).finished(refusedRun);
    expect((await call('GET', `/v1/admin/imports/status?runId=${refusedRun}`, admin)).json()).toMatchObject({
      state: 'refused',
      files: [{ fileName: 'lines.csv', problem: { code: 'BAD_HEADER', line: 1, detail: 'unknown_column: nope' } }],
    });

    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const runId = await createRun();
    for (const [position, file] of sampleFiles.entries()) await upload(admin, runId, position, file.content);
    await call('POST', '/v1/admin/imports/start', admin, { runId });
    // The run waits after its first chunk; a second start meanwhile is refused.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const other = await createRun(sampleFiles.slice(0, 1)).catch(() => null);
    expect(other).toBeNull();
    expect((await call('POST', '/v1/admin/imports/cancel', admin, { runId })).json()).toEqual({ cancelling: true });
    gate = null;
    release();
    await importsOf(fixture.hub).finished(runId);
    const status = (await call('GET', `/v1/admin/imports/status?runId=${runId}`, admin)).json();
    expect(status.state).toBe('cancelled');
    expect(status.rowsDone).toBe(20);
  });
});
