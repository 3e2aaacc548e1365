import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchResponse } from '@shared/ipc/search-channels';
import { ok, type Result } from '@shared/ipc/result';
import { deferred, type Deferred, type FakeDeskOverrides } from '../test/fake-desk';
import { accountDetailFixture, hitFixture } from '../test/fixtures';
import { renderSignedIn } from '../test/render-app';

const hits = [
  hitFixture({ holderName: 'Jordan Ellis', accountNumber: '100000001' }),
  hitFixture({ holderName: 'Ellis Hardware LLC', accountNumber: '100000002', segment: 'business' }),
  hitFixture({ holderName: 'Pat Ellison', accountNumber: '100000003' }),
];

function renderWithResults() {
  return renderSignedIn({
    searchAccounts: async () => ok({ modes: ['name'], results: hits, truncated: false }),
    accountsGet: async ({ accountNumber }) =>
      ok(accountDetailFixture({ accountNumber, holderName: hits.find((h) => h.accountNumber === accountNumber)!.holderName })),
  });
}

/** The app with a search that answers only when the test resolves each reply, in order of asking. */
async function renderWithSlowSearch(overrides: FakeDeskOverrides = {}) {
  const replies: Deferred<Result<SearchResponse>>[] = [];
  const app = await renderSignedIn({
    searchAccounts: () => {
      const reply = deferred<Result<SearchResponse>>();
      replies.push(reply);
      return reply.promise;
    },
    ...overrides,
  });
  return { ...app, replies };
}

/** Answers every search asked so far, and those each answer sets off, until none is waiting. */
async function answerAll(replies: Deferred<Result<SearchResponse>>[], results: SearchResponse['results']) {
  for (let i = 0; i < replies.length; i += 1) {
    await act(async () => replies[i]!.resolve(ok({ modes: ['name'], results, truncated: false })));
  }
}

function activeOption(searchBox: HTMLElement): HTMLElement | null {
  const id = searchBox.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id) : null;
}

describe('keyboard-only use', () => {
  it('focuses the search box with / from anywhere without typing the slash', async () => {
    const { user, searchBox } = await renderWithResults();
    searchBox.blur();
    expect(searchBox).not.toHaveFocus();
    await user.keyboard('/');
    expect(searchBox).toHaveFocus();
    expect(searchBox).toHaveValue('');
  });

  it('moves through results with the arrows, opens one with Enter and comes back with Escape keeping the query', async () => {
    const { desk, user, searchBox } = await renderWithResults();
    await user.type(searchBox, 'ellis');
    await waitFor(() => expect(desk.searchAccounts).toHaveBeenLastCalledWith({ query: 'ellis', limit: 50 }));
    await act(async () => {}); // its answer
    await screen.findAllByRole('option');
    const searches = desk.searchAccounts.mock.calls.length;

    await user.keyboard('{ArrowDown}');
    expect(activeOption(searchBox)).toHaveTextContent('Jordan Ellis');
    expect(activeOption(searchBox)).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(activeOption(searchBox)).toHaveTextContent('Ellis Hardware LLC');
    expect(screen.getAllByRole('option', { selected: true })).toHaveLength(1);

    await user.keyboard('{Enter}');
    const title = await screen.findByRole('heading', { level: 1, name: 'Ellis Hardware LLC' });
    expect(desk.accountsGet).toHaveBeenCalledWith({ accountNumber: '100000002' });
    await waitFor(() => expect(title).toHaveFocus());
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();

    await user.keyboard('{Escape}');
    const box = await screen.findByRole('combobox', { name: 'Find the caller' });
    expect(box).toHaveValue('ellis');
    expect(box).toHaveFocus();
    expect(activeOption(box)).toHaveTextContent('Ellis Hardware LLC');
    expect(desk.searchAccounts).toHaveBeenCalledTimes(searches); // back shows the same answer, no new search
  });

  it('goes back with Alt+ArrowLeft, and / or Ctrl+K also leave an account for the search box', async () => {
    const { user, searchBox } = await renderWithResults();
    await user.type(searchBox, 'ellis');
    await screen.findAllByRole('option');

    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Jordan Ellis' });
    await user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    expect(await screen.findByRole('combobox')).toHaveValue('ellis');

    // Back lands on the result that was open, so two steps down reach the third.
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Pat Ellison' });
    await user.keyboard('/');
    expect(await screen.findByRole('combobox')).toHaveFocus();

    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Pat Ellison' });
    await user.keyboard('{Control>}k{/Control}');
    const box = await screen.findByRole('combobox');
    expect(box).toHaveFocus();
    expect(box).toHaveValue('ellis');
  });

  it('wraps from the first result to the last with ArrowUp', async () => {
    const { user, searchBox } = await renderWithResults();
    await user.type(searchBox, 'ellis');
    await screen.findAllByRole('option');
    await user.keyboard('{ArrowUp}');
    expect(activeOption(searchBox)).toHaveTextContent('Pat Ellison');
  });

  it('does not open a result from an older query when Enter comes before the new answer', async () => {
    const { replies, desk, user, searchBox } = await renderWithSlowSearch();
    await user.type(searchBox, '1000');
    await waitFor(() => expect(replies.length).toBeGreaterThan(0));
    await answerAll(replies, hits);
    await screen.findAllByRole('option');

    await user.type(searchBox, '00003{Enter}');
    expect(desk.accountsGet).not.toHaveBeenCalled();
    expect(screen.getByRole('combobox')).toBeInTheDocument();
  });

  it('opens the one account a pasted number matches with a single Enter pressed before the answer', async () => {
    const { replies, desk, user, searchBox } = await renderWithSlowSearch({
      accountsGet: async ({ accountNumber }) => ok(accountDetailFixture({ accountNumber, holderName: 'Pat Ellison' })),
    });
    await user.click(searchBox);
    await user.paste('100000003');
    await user.keyboard('{Enter}');
    expect(desk.accountsGet).not.toHaveBeenCalled();
    await waitFor(() => expect(replies.length).toBeGreaterThan(0));
    await act(async () => replies.at(-1)!.resolve(ok({ modes: ['account_number'], results: [hits[2]!], truncated: false })));
    await waitFor(() => expect(desk.accountsGet).toHaveBeenCalledWith({ accountNumber: '100000003' }));
    expect(await screen.findByRole('heading', { name: /Pat Ellison/ })).toBeInTheDocument();
  });

  it('leaves the choice to the agent when the answer to an early Enter has several matches, or the query changed', async () => {
    const { replies, desk, user, searchBox } = await renderWithSlowSearch();
    await user.type(searchBox, 'ellis{Enter}');
    await answerAll(replies, hits);
    await screen.findAllByRole('option');
    expect(desk.accountsGet).not.toHaveBeenCalled();

    await user.type(searchBox, 'o{Enter}n');
    await answerAll(replies, [hits[2]!]);
    await screen.findByRole('option', { name: /Pat Ellison/ });
    expect(desk.accountsGet).not.toHaveBeenCalled();
  });
});
