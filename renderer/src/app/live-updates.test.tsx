import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountDecisions } from '@shared/ipc/decision-channels';
import type { HubLink, LiveChange } from '@shared/ipc/live-channels';
import type { OverrideQueueItem } from '@shared/ipc/override-channels';
import { ok, type Result } from '@shared/ipc/result';
import { useAccountStore } from '../features/account/stores/account-store';
import { useApprovalQueueStore } from '../features/approvals/stores/approval-queue-store';
import { useDecisionsStore } from '../features/decisions/stores/decisions-store';
import { useLiveStore } from '../features/live/stores/live-store';
import { useOverridePanelStore } from '../features/overrides/stores/override-panel-store';
import { deferred, type Deferred } from '../test/fake-desk';
import { accountDetailFixture, queueItemFixture, sessionFixture } from '../test/fixtures';
import { renderSignedIn } from '../test/render-app';
import { sameInEveryCurrency } from '@shared/domain/override';

/** A fake main whose data version moves when the test says so; each wait is answered once. */
function mainData(hub: HubLink = 'online') {
  let version = 0;
  const waits: Deferred<Result<LiveChange>>[] = [];
  return {
    changesNext: ({ afterVersion }: { afterVersion: number | null }) => {
      if (afterVersion === null) return Promise.resolve(ok({ version, hub }));
      const wait = deferred<Result<LiveChange>>();
      waits.push(wait);
      return wait.promise;
    },
    async move(link: HubLink = hub) {
      await waitFor(() => expect(waits.length).toBeGreaterThan(0));
      version += 1;
      await act(async () => waits.shift()!.resolve(ok({ version, hub: link })));
    },
  };
}

/** A request filed by Alice, waiting in Sam's queue. */
function queueItem(id: string, holderName: string): OverrideQueueItem {
  return queueItemFixture({ id, holderName, requestedBy: 'alice' });
}

function decisions(accountNumber: string, credits: AccountDecisions['credits']): AccountDecisions {
  return { accountNumber, asOf: '2024-03-04T15:00:00.000Z', lines: [], decisions: [], credits, faultReports: [], claims: [] };
}

afterEach(() => {
  useApprovalQueueStore.getState().reset();
  useDecisionsStore.getState().reset();
  useOverridePanelStore.getState().reset();
  useLiveStore.getState().reset();
});

describe('views follow main’s data without a reload', () => {
  it('a request filed elsewhere appears in the supervisor’s queue when main’s data moves, without a loading flash', async () => {
    const main = mainData();
    let queue: OverrideQueueItem[] = [];
    const { desk, user } = await renderSignedIn({
      authSession: async () => ok(sessionFixture({ username: 'sam', displayName: 'Sam Supervisor', role: 'supervisor' })),
      changesNext: main.changesNext,
      overridesQueue: async () => ok(queue),
    });
    await user.click(screen.getByRole('button', { name: 'Approval queue' }));
    expect(await screen.findByText(/Queue clear/)).toBeInTheDocument();

    queue = [queueItem('01HQ0000000000000000000001', 'Carlos Peña')];
    await main.move();
    expect(await screen.findByRole('article', { name: /Carlos Peña/ })).toBeInTheDocument();
    // The menu's count followed too.
    expect(await screen.findByTestId('pending-badge')).toHaveTextContent('1 waiting');

    // A second change: the list on screen stays while the new answer is on its way.
    const slow = deferred<Result<OverrideQueueItem[]>>();
    const callsBefore = desk.overridesQueue.mock.calls.length;
    // The queue refreshes first, then the menu's count: the slow answer is the queue's.
    desk.overridesQueue.mockImplementationOnce(() => slow.promise);
    queue = [];
    await main.move();
    await waitFor(() => expect(desk.overridesQueue.mock.calls.length).toBeGreaterThan(callsBefore));
    expect(screen.getByRole('article', { name: /Carlos Peña/ })).toBeInTheDocument();
    expect(screen.queryByText('Loading the queue…')).not.toBeInTheDocument();
    await act(async () => slow.resolve(ok([])));
    await waitFor(() => expect(screen.queryByRole('article', { name: /Carlos Peña/ })).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByTestId('pending-badge')).not.toBeInTheDocument());
  });

  it('the agent’s open account shows the credit the hub scheduled once main’s data moves', async () => {
    const main = mainData();
    const accountNumber = '287100000002';
    let credits: AccountDecisions['credits'] = [];
    const { desk } = await renderSignedIn({
      changesNext: main.changesNext,
      accountsGet: async () => ok(accountDetailFixture({ accountNumber, holderName: 'Carlos Peña' })),
      decisionsForAccount: async () => ok(decisions(accountNumber, credits)),
      overridesOptions: async () => ok([]),
      overridesSettingsGet: async () => ok({ perRequestCapMinor: sameInEveryCurrency(5000), agentDailyTotalMinor: sameInEveryCurrency(20000), expiryDays: 7, siteTimeZone: 'UTC' }),
    });
    act(() => useAccountStore.getState().open(accountNumber));
    await screen.findByRole('heading', { name: /Carlos Peña/ });
    await waitFor(() => expect(desk.decisionsForAccount).toHaveBeenCalledTimes(1));

    credits = [
      {
        id: 'credit-1',
        amountMinor: 500,
        currency: 'USD',
        policyCode: 'manual-override',
        policyVersion: 1,
        outageId: 1,
        outageTitle: 'Nationwide wireless outage',
        lineId: null,
        source: 'override',
        status: 'scheduled',
        scheduledOn: '2024-03-04',
        billDate: '2024-04-03',
        createdAt: '2024-03-04T15:05:00.000Z',
        adjustment: null,
      },
    ];
    await main.move();
    await waitFor(() => expect(desk.decisionsForAccount).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(desk.overridesOptions).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(desk.accountsGet).toHaveBeenCalledTimes(2));
    expect(await screen.findByText(/Apr 3, 2024/)).toBeInTheDocument();
  });

  it('says so in the header while the desktop works from its own copy, and stops saying it when the hub is back', async () => {
    const main = mainData('offline');
    await renderSignedIn({ changesNext: main.changesNext });
    const header = screen.getByRole('banner');
    expect(await within(header).findByText('Offline')).toBeInTheDocument();
    expect(screen.getByText(/^Offline: working from this desktop’s copy/)).toBeInTheDocument();
    await main.move('online');
    await waitFor(() => expect(within(header).queryByText('Offline')).not.toBeInTheDocument());
    expect(screen.queryByText(/^Offline: working from this desktop’s copy/)).not.toBeInTheDocument();
  });

  it('asks main for a desktop notification when a new request arrives while the window is behind others, and not while it is in front', async () => {
    const main = mainData();
    let queue: OverrideQueueItem[] = [];
    const { desk } = await renderSignedIn({
      authSession: async () => ok(sessionFixture({ username: 'sam', displayName: 'Sam Supervisor', role: 'supervisor' })),
      changesNext: main.changesNext,
      overridesQueue: async () => ok(queue),
      notifyDesktop: async () => ok({ shown: true }),
    });
    await waitFor(() => expect(desk.overridesQueue).toHaveBeenCalled());
    const focus = vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    queue = [queueItem('01HQ0000000000000000000001', 'Carlos Peña')];
    await main.move();
    expect(await screen.findByTestId('pending-badge')).toHaveTextContent('1 waiting');
    expect(desk.notifyDesktop).not.toHaveBeenCalled();

    focus.mockReturnValue(false);
    queue = [...queue, queueItem('01HQ0000000000000000000002', 'Dana Ruiz')];
    await main.move();
    await waitFor(() => expect(desk.notifyDesktop).toHaveBeenCalledWith({ title: 'New override request', body: '2 requests are waiting in the approval queue.' }));
    // A decision that empties the queue is no news.
    queue = [];
    await main.move();
    await waitFor(() => expect(screen.queryByTestId('pending-badge')).not.toBeInTheDocument());
    expect(desk.notifyDesktop).toHaveBeenCalledTimes(1);
  });
});
