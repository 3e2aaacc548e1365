import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Change } from '@shared/hub/changes';
import { migrate } from '../db/migrate';
import { allMigrations } from '../db/migrations/all-migrations';
import type { HubClient } from './hub-client';
import { addRequestRefill, pendingRequestRefills } from './hub-state-repo';
import { refillRequests } from './operator-switch';

const applied: string[] = [];
vi.mock('./apply-changes', () => ({
  applyChange: (_db: unknown, change: Change) => {
    applied.push(change.id);
    return true;
  },
}));

let db: Database.Database | null = null;
afterEach(() => {
  db?.close();
  applied.length = 0;
});

function view(id: string, position: number): Change {
  return { position, entity: 'override_request', id, data: { id } } as unknown as Change;
}

function client(answer: (ids: string[]) => Promise<unknown>): HubClient & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    call: ((name: string, input: { ids: string[] }) => {
      expect(name).toBe('requestViews');
      asked.push(input.ids);
      return answer(input.ids);
    }) as HubClient['call'],
  } as HubClient & { asked: string[][] };
}

function withRefills(ids: string[]): Database.Database {
  db = new Database(':memory:');
  migrate(db, allMigrations);
  for (const id of ids) addRequestRefill(db, 'sam', id);
  addRequestRefill(db, 'alice', 'r-other');
  return db;
}

describe('refillRequests', () => {
  it('applies a request’s latest change at or below the cursor, leaves a later one to the pull, and is owed nothing after', async () => {
    const d = withRefills(['r1', 'r2', 'r3']);
    const hub = client(async () => ({ ok: true, value: { changes: [view('r1', 5), view('r2', 15)] } }));
    expect(await refillRequests(d, hub, 't', 'sam', 10, () => '2026-03-10T15:00:00.000Z')).toEqual({ ok: true, applied: 1 });
    expect(hub.asked).toEqual([['r1', 'r2', 'r3']]);
    expect(applied).toEqual(['r1']);
    expect(pendingRequestRefills(d, 'sam', 10)).toEqual([]);
    // Another operator's refills are theirs.
    expect(pendingRequestRefills(d, 'alice', 10)).toEqual(['r-other']);
  });

  it('asks in pages of at most 500 ids', async () => {
    const ids = Array.from({ length: 1_201 }, (_, i) => `r${String(i).padStart(4, '0')}`);
    const d = withRefills(ids);
    const hub = client(async () => ({ ok: true, value: { changes: [] } }));
    expect(await refillRequests(d, hub, 't', 'sam', 10, () => '2026-03-10T15:00:00.000Z')).toEqual({ ok: true, applied: 0 });
    expect(hub.asked.map((page) => page.length)).toEqual([500, 500, 201]);
    expect(hub.asked.flat()).toEqual(ids);
  });

  it('keeps what is owed when the hub cannot answer, for the next pull', async () => {
    const d = withRefills(['r1', 'r2']);
    const hub = client(async () => ({ ok: false, error: { code: 'HUB_UNREACHABLE', message: 'down' } }));
    const result = await refillRequests(d, hub, 't', 'sam', 10, () => '2026-03-10T15:00:00.000Z');
    expect(result).toMatchObject({ ok: false, error: { code: 'HUB_UNREACHABLE' } });
    expect(applied).toEqual([]);
    expect(pendingRequestRefills(d, 'sam', 10)).toEqual(['r1', 'r2']);
  });
});
