import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ScreenPopEvent } from '@shared/ipc/screen-pop-channels';
import { ok, type Result } from '@shared/ipc/result';
import type { SearchResponse } from '@shared/ipc/search-channels';
import { deferred, type Deferred } from '../test/fake-desk';
import { accountDetailFixture, hitFixture } from '../test/fixtures';
import { renderSignedIn } from '../test/render-app';

/** A fake main whose screenPopNext answers with the links a test sends, one per wait. */
function phoneSystem() {
  const waits: Deferred<Result<{ event: ScreenPopEvent | null }>>[] = [];
  return {
    screenPopNext: () => {
      const wait = deferred<Result<{ event: ScreenPopEvent | null }>>();
      waits.push(wait);
      return wait.promise;
    },
    async send(event: ScreenPopEvent) {
      await waitFor(() => expect(waits.length).toBeGreaterThan(0));
      await act(async () => waits.shift()!.resolve(ok({ event })));
    },
  };
}

describe('a screen-pop from the phone system', () => {
  it('opens the account it names, on whatever screen the agent was', async () => {
    const phone = phoneSystem();
    const { desk } = await renderSignedIn({
      screenPopNext: phone.screenPopNext,
      accountsGet: async ({ accountNumber }) => ok(accountDetailFixture({ accountNumber, holderName: 'Maria Müller' })),
    });
    await phone.send({ ok: true, lookup: { by: 'account', accountNumber: '287100000001', callId: 'CALL-1' } });
    await waitFor(() => expect(desk.accountsGet).toHaveBeenCalledWith({ accountNumber: '287100000001' }));
    expect(await screen.findByRole('heading', { name: /Maria Müller/ })).toBeInTheDocument();
  });

  it('asks main for the next link at once after one arrives, so a second call is not held back', async () => {
    const phone = phoneSystem();
    const asked: number[] = [];
    const { desk } = await renderSignedIn({
      screenPopNext: () => {
        asked.push(performance.now());
        return phone.screenPopNext();
      },
      accountsGet: async ({ accountNumber }) => ok(accountDetailFixture({ accountNumber, holderName: 'Maria Müller' })),
    });
    await waitFor(() => expect(asked).toHaveLength(1));
    const sentAt = performance.now();
    await phone.send({ ok: true, lookup: { by: 'account', accountNumber: '287100000001', callId: 'CALL-1' } });
    await waitFor(() => expect(asked).toHaveLength(2), { interval: 5 });
    // Counted from the link's arrival, not from the first wait: under the gap kept after an empty answer (250 ms).
    expect(asked[1]! - sentAt).toBeLessThan(200);
    await phone.send({ ok: true, lookup: { by: 'account', accountNumber: '287100000002', callId: 'CALL-2' } });
    await waitFor(() => expect(desk.accountsGet).toHaveBeenCalledWith({ accountNumber: '287100000002' }));
  });

  it('keeps a gap between two waits that brought no link', async () => {
    let waits = 0;
    await renderSignedIn({
      screenPopNext: async () => {
        waits += 1;
        return ok({ event: null });
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Three at most in 600 ms: a main that answers at once does not spin the loop.
    expect(waits).toBeGreaterThan(0);
    expect(waits).toBeLessThanOrEqual(4);
  });

  it('finds a phone number and opens its one match', async () => {
    const phone = phoneSystem();
    const { desk } = await renderSignedIn({
      screenPopNext: phone.screenPopNext,
      searchAccounts: async (): Promise<Result<SearchResponse>> =>
        ok({ modes: ['phone'], results: [hitFixture({ accountNumber: '287100000001', holderName: 'Maria Müller' })], truncated: false }),
      accountsGet: async ({ accountNumber }) => ok(accountDetailFixture({ accountNumber, holderName: 'Maria Müller' })),
    });
    await phone.send({ ok: true, lookup: { by: 'phone', phone: '+12125550147', callId: null } });
    // In the box as every screen writes a number, not the link's raw E.164.
    await waitFor(() => expect(desk.searchAccounts).toHaveBeenCalledWith({ query: '(212) 555-0147', limit: 50 }));
    await waitFor(() => expect(desk.accountsGet).toHaveBeenCalledWith({ accountNumber: '287100000001' }));
  });

  it('says plainly when a link was refused, and does nothing else', async () => {
    const phone = phoneSystem();
    const { desk, user } = await renderSignedIn({ screenPopNext: phone.screenPopNext });
    await phone.send({ ok: false, reason: 'unknown_parameter' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The phone system sent a link this app does not accept: it carries a parameter other than phone, account or call.',
    );
    expect(desk.accountsGet).not.toHaveBeenCalled();
    expect(desk.searchAccounts).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
