import { vi, type Mock } from 'vitest';
import { DEFAULT_PATTERN_THRESHOLDS } from '@shared/domain/override-patterns';
import { DESK_GLOBAL, type DeskApi } from '@shared/ipc/api';
import { channelNames, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/ipc/channels';
import { err, ok, type ErrorCode, type IpcError, type Result } from '@shared/ipc/result';
import { accountDetailFixture, emptyDashboardFixture, sessionFixture } from './fixtures';

type Impl<C extends ChannelName> = (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/** A DeskApi whose every function is a vitest mock, so tests can both script and inspect calls. */
export type FakeDesk = { [C in ChannelName]: Mock<Impl<C>> };

export type FakeDeskOverrides = { [C in ChannelName]?: Impl<C> };

/** Defaults: nobody signed in, sign-in succeeds, no search results, the fixture account. */
export function createFakeDesk(overrides: FakeDeskOverrides = {}): FakeDesk {
  const defaults: FakeDeskOverrides = {
    authSignIn: async () => ok(sessionFixture()),
    authSignOut: async () => ok({}),
    authSession: async () => ok(null),
    // Main keeps the chosen language on the operator and answers the session with it.
    operatorSetLocale: async ({ locale }) => ok({ ...sessionFixture(), locale }),
    searchAccounts: async () => ok({ modes: ['name'], results: [], truncated: false }),
    // No active outage: no banner and no chips unless a test brings one.
    searchEligibility: async () => ok({ activeOutage: null, chips: [] }),
    accountsGet: async ({ accountNumber }) => ok(accountDetailFixture({ accountNumber })),
    // No integrity alarm unless a test raises one.
    auditIntegrity: async () => ok({ alarm: null, anchor: 'os_keychain', hubConfigured: false }),
    // The supervisor's home, which they land on: empty unless a test brings figures.
    dashboardSummary: async () => ok(emptyDashboardFixture()),
    // Saving a figure as CSV: the operator cancels the dialog unless a test says otherwise.
    dashboardSaveCsv: async () => ok({ saved: false }),
    // No integration tokens at the hub unless a test brings some.
    hubIntegrationTokensList: async () => ok([]),
    // Main's long wait for a phone-system link: by default no link ever comes.
    screenPopNext: () => new Promise(() => undefined),
    // The queue's flag rules as shipped, for any screen that shows them.
    overridesPatternsGet: async () => ok(DEFAULT_PATTERN_THRESHOLDS),
    // Main's data version: known at once, then it never moves unless a test says so.
    changesNext: ({ afterVersion }) => (afterVersion === null ? Promise.resolve(ok({ version: 0, hub: 'standalone' })) : new Promise(() => undefined)),
  };
  // A channel without a default answers INTERNAL, so a test notices it has to script that call.
  const notFaked = async () => err('INTERNAL', { details: { reason: 'not_faked' } });
  const desk: Record<string, unknown> = {};
  for (const name of channelNames) {
    desk[name] = vi.fn((overrides[name] ?? defaults[name] ?? notFaked) as Impl<typeof name>);
  }
  return desk as FakeDesk;
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
