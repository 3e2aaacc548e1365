import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ActiveOutage, SearchEligibility } from '@shared/ipc/search-channels';
import { ok, type Result } from '@shared/ipc/result';
import { deferred, fail, type Deferred } from '../../../test/fake-desk';
import { hitFixture } from '../../../test/fixtures';
import { renderSignedIn } from '../../../test/render-app';

const outage: ActiveOutage = {
  id: 1,
  title: 'Nationwide wireless outage (network change)',
  startsAt: '2024-02-22T08:45:00.000Z',
  endsAt: '2024-02-22T20:10:00.000Z',
  impactedAccounts: 1340,
  policy: { code: 'att-2024-02', version: 2, name: 'The February 2024 credit' },
};

const results = [
  hitFixture({ holderName: 'Jordan Ellis', accountNumber: '100000001' }),
  hitFixture({ holderName: 'Ellis Hardware LLC', accountNumber: '100000002', segment: 'business' }),
  hitFixture({ holderName: 'Ellis Moreno', accountNumber: '100000003' }),
];

const answer: SearchEligibility = {
  activeOutage: outage,
  chips: [
    { accountNumber: '100000001', status: 'eligible', amount: { minor: 500, currency: 'USD' } },
    { accountNumber: '100000002', status: 'not_eligible', amount: { minor: 0, currency: 'USD' } },
    { accountNumber: '100000003', status: 'not_affected', amount: null },
  ],
};

describe('search results that answer the call alone', () => {
  it('show the active outage with its policy in one line above the search', async () => {
    await renderSignedIn({ searchEligibility: async () => ok(answer) });
    const banner = await screen.findByRole('note', { name: 'Active outage' });
    expect(banner).toHaveTextContent('Active outage: Nationwide wireless outage (network change)');
    expect(banner).toHaveTextContent('Policy: The February 2024 credit');
    expect(banner).toHaveTextContent('1,340 accounts affected');
  });

  it('leave main to the searches while the agent types, and ask for the chips of the list the typing stopped at', async () => {
    const { desk, user, searchBox } = await renderSignedIn({
      searchAccounts: async ({ query }) => ok({ modes: ['name'], results: query === 'ellis' ? results : results.slice(0, 2), truncated: false }),
      searchEligibility: async ({ accountNumbers }) => ok({ activeOutage: outage, chips: answer.chips.filter((c) => accountNumbers.includes(c.accountNumber)) }),
    });
    await user.type(searchBox, 'ellis');
    const options = await screen.findAllByRole('option');
    await waitFor(() => expect(options[0]).toHaveTextContent('For the active outage: Eligible'));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    await waitFor(() => expect(desk.searchEligibility).toHaveBeenLastCalledWith({ accountNumbers: ['100000001', '100000002', '100000003'] }));
    // One call for the banner at sign-in, one for the list the typing stopped at: none for the lists in between.
    const listCalls = desk.searchEligibility.mock.calls.filter(([input]) => input.accountNumbers.length > 0);
    expect(listCalls).toHaveLength(1);
  });

  it('come a first screen a call (16 accounts), in list order; typing on stops the calls left for the old list', async () => {
    const many = Array.from({ length: 40 }, (_, i) => hitFixture({ holderName: `Ellis ${i}`, accountNumber: String(100000100 + i) }));
    const calls: Array<{ accountNumbers: readonly string[]; answer: Deferred<Result<SearchEligibility>> }> = [];
    const { user, searchBox } = await renderSignedIn({
      searchAccounts: async ({ query }) => ok({ modes: ['name'], results: query === 'ellis' ? many : many.slice(0, 2), truncated: false }),
      searchEligibility: ({ accountNumbers }) => {
        if (accountNumbers.length === 0) return Promise.resolve(ok({ activeOutage: outage, chips: [] }));
        const answer = deferred<Result<SearchEligibility>>();
        calls.push({ accountNumbers, answer });
        return answer.promise;
      },
    });
    const chipsOf = (accountNumbers: readonly string[]): Result<SearchEligibility> =>
      ok({ activeOutage: outage, chips: accountNumbers.map((accountNumber) => ({ accountNumber, status: 'eligible', amount: { minor: 500, currency: 'USD' } })) });
    await user.type(searchBox, 'ellis');
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.accountNumbers).toEqual(many.slice(0, 16).map((r) => r.accountNumber));
    // The second call waits for the first answer: main is never asked for two at once.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toHaveLength(1);
    calls[0]!.answer.resolve(chipsOf(calls[0]!.accountNumbers));
    await waitFor(() => expect(screen.getAllByRole('option')[15]).toHaveTextContent('For the active outage: Eligible'));
    expect(screen.getAllByRole('option')[16]).not.toHaveTextContent('For the active outage');
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]!.accountNumbers).toEqual(many.slice(16, 32).map((r) => r.accountNumber));

    // The agent types on: the list changes, and the old list's last call is never made.
    await user.type(searchBox, 'x');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    calls[1]!.answer.resolve(chipsOf(calls[1]!.accountNumbers));
    await waitFor(() => expect(calls).toHaveLength(3));
    // The third call is the new list's, not the old list's last 8 accounts.
    expect(calls[2]!.accountNumbers).toEqual(many.slice(0, 2).map((r) => r.accountNumber));
    // The new list's rows keep the chips already known for them meanwhile.
    expect(screen.getAllByRole('option')[0]).toHaveTextContent('For the active outage: Eligible');
  });

  it('show the results first and each one’s answer once the separate chip call returns', async () => {
    const chipsAnswer = deferred<Result<SearchEligibility>>();
    const { desk, user, searchBox } = await renderSignedIn({
      searchAccounts: async () => ok({ modes: ['name'], results, truncated: false }),
      searchEligibility: async ({ accountNumbers }) => (accountNumbers.length === 0 ? ok({ activeOutage: outage, chips: [] }) : chipsAnswer.promise),
    });
    await user.type(searchBox, 'ellis');
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(3);
    // The results are on screen while the chips are still on their way.
    expect(within(options[0]!).queryByText(/Eligible/)).toBeNull();
    await waitFor(() => expect(desk.searchEligibility).toHaveBeenCalledWith({ accountNumbers: ['100000001', '100000002', '100000003'] }));
    chipsAnswer.resolve(ok(answer));
    await waitFor(() => expect(options[0]).toHaveTextContent('For the active outage: Eligible · $5.00'));
    expect(options[1]).toHaveTextContent('For the active outage: Not eligible');
    expect(options[1]).not.toHaveTextContent('$0.00');
    expect(options[2]).toHaveTextContent('For the active outage: Not affected');
  });

  it('say nothing about an outage when none is active, and keep the results when the chip call fails', async () => {
    const { user, searchBox } = await renderSignedIn({
      searchAccounts: async () => ok({ modes: ['name'], results, truncated: false }),
      searchEligibility: async ({ accountNumbers }) =>
        accountNumbers.length === 0 ? Promise.resolve(ok({ activeOutage: null, chips: [] })) : fail('INTERNAL'),
    });
    await user.type(searchBox, 'ellis');
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(3);
    expect(screen.queryByRole('note', { name: 'Active outage' })).toBeNull();
    expect(options[0]).not.toHaveTextContent('For the active outage');
  });
});
