import { vi, type Mock } from 'vitest';
import { DESK_GLOBAL, type DeskApi } from '@shared/ipc/api';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import { err, ok, type ErrorCode, type IpcError, type Result } from '@shared/ipc/result';
import { accountDetailFixture, sessionFixture } from './fixtures';

type Impl<C extends ChannelName> = (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/** A DeskApi whose every function is a vitest mock, so tests can both script and inspect calls. */
export type FakeDesk = { [C in ChannelName]: Mock<Impl<C>> };

export type FakeDeskOverrides = { [C in ChannelName]?: Impl<C> };

/** Defaults: nobody signed in, sign-in succeeds, no search results, the fixture account. */
export function createFakeDesk(overrides: FakeDeskOverrides = {}): FakeDesk {
  const defaults: { [C in ChannelName]: Impl<C> } = {
    authSignIn: async () => ok(sessionFixture()),
    authSignOut: async () => ok({}),
    authSession: async () => ok(null),
    searchAccounts: async () => ok({ modes: ['name'], results: [], truncated: false }),
    accountsGet: async ({ accountNumber }) => ok(accountDetailFixture({ accountNumber })),
  };
  return {
    authSignIn: vi.fn(overrides.authSignIn ?? defaults.authSignIn),
    authSignOut: vi.fn(overrides.authSignOut ?? defaults.authSignOut),
    authSession: vi.fn(overrides.authSession ?? defaults.authSession),
    searchAccounts: vi.fn(overrides.searchAccounts ?? defaults.searchAccounts),
    accountsGet: vi.fn(overrides.accountsGet ?? defaults.accountsGet),
  };
}

/** Puts the fake where the preload would put the real bridge. */
export function installFakeDesk(overrides: FakeDeskOverrides = {}): FakeDesk {
  const desk = createFakeDesk(overrides);
  (globalThis as Record<string, unknown>)[DESK_GLOBAL] = desk satisfies DeskApi;
  return desk;
}

export function fail(code: ErrorCode, extra: Omit<IpcError, 'code'> = {}) {
  return Promise.resolve(err(code, extra));
}

/** A reply the test releases when it wants, to stage slow and out-of-order answers. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
