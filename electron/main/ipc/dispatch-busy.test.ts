import { describe, expect, it } from 'vitest';
import { ok } from '@shared/ipc/result';
import type { Actor } from '@shared/domain/operator';
import { createDispatcher, type DispatcherDeps } from './dispatch';
import type { Handlers } from './handlers';

const alice: Actor = { operatorId: 2, username: 'alice', role: 'agent' };
const APP = { url: 'app://desk/index.html', isAppTopFrame: true };

function busy(): Error {
  return Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
}

function dispatcher(overridesMine: () => unknown, extra: Partial<DispatcherDeps> = {}) {
  const internal: unknown[] = [];
  const dispatch = createDispatcher({
    handlers: { overridesMine } as unknown as Handlers,
    session: { authorize: () => ({ ok: true, actor: alice }), current: () => alice },
    isTrustedSender: () => true,
    clock: () => new Date('2026-03-10T15:00:00.000Z'),
    onInternalError: (_channel, error) => internal.push(error),
    ...extra,
  });
  return { dispatch, internal };
}

describe('a use case that meets a busy database', () => {
  it('is tried again, without blocking, until the write lock is free, and answers as if nothing happened', async () => {
    let tries = 0;
    const { dispatch, internal } = dispatcher(() => {
      tries += 1;
      if (tries <= 3) throw busy();
      return ok([]);
    });
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 1);
    const answer = await dispatch('overridesMine', {}, APP);
    clearInterval(ticker);
    expect(answer).toEqual({ ok: true, value: [] });
    expect(tries).toBe(4);
    expect(ticks).toBeGreaterThan(0);
    expect(internal).toEqual([]);
  });

  it('answers DATABASE_BUSY once the retry time is over', async () => {
    let tries = 0;
    const { dispatch } = dispatcher(
      () => {
        tries += 1;
        throw Object.assign(new Error('locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
      },
      { busyRetryMs: 60 },
    );
    expect(await dispatch('overridesMine', {}, APP)).toMatchObject({ ok: false, error: { code: 'DATABASE_BUSY' } });
    expect(tries).toBeGreaterThan(1);
  });

  it('is not tried again after it called the hub: the hub would see its call twice', async () => {
    let calls = 0;
    let tries = 0;
    const { dispatch } = dispatcher(
      async () => {
        tries += 1;
        calls += 1; // as a use case that asked the hub, then wrote locally
        throw busy();
      },
      { hubCalls: () => calls },
    );
    expect(await dispatch('overridesMine', {}, APP)).toMatchObject({ ok: false, error: { code: 'DATABASE_BUSY' } });
    expect(tries).toBe(1);
  });

  it('leaves other failures as they were: INTERNAL at once', async () => {
    let tries = 0;
    const { dispatch, internal } = dispatcher(() => {
      tries += 1;
      throw new Error('boom');
    });
    expect(await dispatch('overridesMine', {}, APP)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(tries).toBe(1);
    expect(internal).toHaveLength(1);
  });
});
