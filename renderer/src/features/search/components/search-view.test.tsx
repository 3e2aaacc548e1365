import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SEARCH_MAX_LENGTH, type SearchResponse } from '@shared/ipc/search-channels';
import { ok, type Result } from '@shared/ipc/result';
import { deferred, fail, type Deferred } from '../../../test/fake-desk';
import { hitFixture } from '../../../test/fixtures';
import { renderSignedIn } from '../../../test/render-app';
import { useSearchStore } from '../stores/search-store';
import { FIRST_SCREEN_ROWS, ResultList } from './result-list';

function found(results: SearchResponse['results'], extra: Partial<SearchResponse> = {}): Result<SearchResponse> {
  return ok({ modes: ['name'], results, truncated: false, ...extra });
}

describe('search', () => {
  it('shows what identifies each caller as the agent types, searching without waiting for a pause', async () => {
    const { desk, user, searchBox } = await renderSignedIn({
      searchAccounts: async () =>
        found([
          hitFixture({ holderName: 'Jordan Ellis', accountNumber: '100000001', matchedBy: 'name', postalCode: '75201' }),
          hitFixture({
            holderName: 'Ellis Hardware LLC',
            accountNumber: '100000002',
            brand: 'cricket',
            segment: 'business',
            paymentType: 'prepaid',
            status: 'suspended',
            postalCode: '60601',
            region: 'IL',
          }),
        ]),
    });
    await user.type(searchBox, 'ell');

    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(2);
    expect(desk.searchAccounts).toHaveBeenLastCalledWith({ query: 'ell', limit: 50 });
    const [first, second] = options as [HTMLElement, HTMLElement];
    expect(first).toHaveTextContent('Jordan Ellis');
    expect(first).toHaveTextContent('100000001');
    expect(first).toHaveTextContent('AT&T');
    expect(first).toHaveTextContent('Consumer');
    expect(first).toHaveTextContent('Postpaid');
    expect(first).toHaveTextContent('Active');
    expect(first).toHaveTextContent('Matched by Name');
    expect(first).toHaveTextContent('75201');
    expect(second).toHaveTextContent('Cricket');
    expect(second).toHaveTextContent('Business');
    expect(second).toHaveTextContent('Prepaid');
    expect(second).toHaveTextContent('Suspended');
    expect(second).toHaveClass('result--suspended');
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('2 accounts found.');
  });

  it('keeps at most two searches on their way: the second is sent at once, what is typed meanwhile is searched once, as the newest text', async () => {
    const replies: Record<string, Deferred<Result<SearchResponse>>> = {};
    const { desk, user, searchBox } = await renderSignedIn({
      searchAccounts: ({ query }) => {
        replies[query] = deferred();
        return replies[query].promise;
      },
    });
    await user.type(searchBox, 'e');
    await waitFor(() => expect(desk.searchAccounts).toHaveBeenCalledTimes(1));
    expect(desk.searchAccounts).toHaveBeenLastCalledWith({ query: 'e', limit: 50 });
    // The next key does not wait for the first answer's trip back.
    await user.type(searchBox, 'l');
    await waitFor(() => expect(desk.searchAccounts).toHaveBeenCalledTimes(2));
    expect(desk.searchAccounts).toHaveBeenLastCalledWith({ query: 'el', limit: 50 });
    await user.type(searchBox, 'lis');
    // Nothing more is sent while two searches are on their way.
    expect(desk.searchAccounts).toHaveBeenCalledTimes(2);

    // The first answer is stale by now: not shown, and only the newest text is searched next.
    await act(async () => replies['e']!.resolve(found([hitFixture({ holderName: 'Older Answer' })])));
    await waitFor(() => expect(desk.searchAccounts).toHaveBeenCalledTimes(3));
    expect(desk.searchAccounts).toHaveBeenLastCalledWith({ query: 'ellis', limit: 50 });
    // The second is stale too: a newer search is on its way.
    await act(async () => replies['el']!.resolve(found([hitFixture({ holderName: 'Second Answer' })])));
    expect(screen.queryByRole('option', { name: /Older Answer|Second Answer/ })).not.toBeInTheDocument();

    await act(async () => replies['ellis']!.resolve(found([hitFixture({ holderName: 'Newer Answer' })])));
    expect(await screen.findByRole('option', { name: /Newer Answer/ })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /Older Answer|Second Answer/ })).not.toBeInTheDocument();
    expect(desk.searchAccounts).toHaveBeenCalledTimes(3);
  });

  it('shows the answer to the newest search sent as soon as it arrives, when nothing newer waits', async () => {
    const replies: Record<string, Deferred<Result<SearchResponse>>> = {};
    const { user, searchBox } = await renderSignedIn({
      searchAccounts: ({ query }) => {
        replies[query] = deferred();
        return replies[query].promise;
      },
    });
    await user.type(searchBox, 'mu');
    await waitFor(() => expect(Object.keys(replies)).toEqual(['m', 'mu']));
    await act(async () => replies['mu']!.resolve(found([hitFixture({ holderName: 'Maria Muller' })])));
    expect(await screen.findByRole('option', { name: /Maria Muller/ })).toBeInTheDocument();
    // The older answer, arriving late, does not replace it.
    await act(async () => replies['m']!.resolve(found([hitFixture({ holderName: 'Stale M' })])));
    expect(screen.queryByRole('option', { name: /Stale M/ })).not.toBeInTheDocument();
    expect(screen.getByRole('option', { name: /Maria Muller/ })).toBeInTheDocument();
  });

  it('ignores the answers to searches that were on their way when the box was cleared', async () => {
    const replies: Record<string, Deferred<Result<SearchResponse>>> = {};
    const { desk, user, searchBox } = await renderSignedIn({
      searchAccounts: ({ query }) => {
        replies[query] = deferred();
        return replies[query].promise;
      },
    });
    await user.type(searchBox, 'ellis');
    await waitFor(() => expect(desk.searchAccounts).toHaveBeenCalledTimes(2));
    await user.keyboard('{Escape}');
    // A new caller's text does not wait for the cancelled searches.
    await user.type(searchBox, 'mu');
    await waitFor(() => expect(desk.searchAccounts).toHaveBeenCalledTimes(4));
    expect(desk.searchAccounts).toHaveBeenLastCalledWith({ query: 'mu', limit: 50 });
    await act(async () => replies['e']!.resolve(found([hitFixture({ holderName: 'Cleared Answer' })])));
    await act(async () => replies['el']!.resolve(found([hitFixture({ holderName: 'Cleared Too' })])));
    await act(async () => replies['m']!.resolve(found([hitFixture({ holderName: 'Stale M' })])));
    await act(async () => replies['mu']!.resolve(found([hitFixture({ holderName: 'Maria Muller' })])));
    expect(await screen.findByRole('option', { name: /Maria Muller/ })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /Cleared Answer|Cleared Too|Stale M/ })).not.toBeInTheDocument();
  });

  it('says "Searching…" only for a search slower than 300 ms; meanwhile the line describes the list on screen', async () => {
    const replies: Record<string, Deferred<Result<SearchResponse>>> = {};
    const { user, searchBox } = await renderSignedIn({
      searchAccounts: ({ query }) => {
        replies[query] = deferred();
        return replies[query].promise;
      },
    });
    const statusLine = () => screen.getAllByRole('status').map((s) => s.textContent ?? '').join('|');
    await user.type(searchBox, 'e');
    await act(async () => replies['e']!.resolve(found([hitFixture({ holderName: 'Ellis One', accountNumber: '100000001' }), hitFixture({ holderName: 'Ellis Two', accountNumber: '100000002' })])));
    await waitFor(() => expect(statusLine()).toContain('2 accounts found.'));
    await user.type(searchBox, 'l');
    expect(statusLine()).toContain('2 accounts found.');
    expect(statusLine()).not.toContain('Searching');
    await waitFor(() => expect(statusLine()).toContain('Searching'), { timeout: 1000 });
    await act(async () => replies['el']!.resolve(found([hitFixture({ holderName: 'Ellis One', accountNumber: '100000001' })])));
    await waitFor(() => expect(statusLine()).toContain('1 account found.'));
    expect(statusLine()).not.toContain('Searching');
  });

  it('says no account matches and which kinds of search were tried', async () => {
    const { user, searchBox } = await renderSignedIn({
      searchAccounts: async () => found([], { modes: ['account_number', 'phone'] }),
    });
    await user.type(searchBox, '2145550199');
    expect(await screen.findByText('No account matches “2145550199”. Searched as: account number and phone.')).toBeVisible();
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
    expect(searchBox).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows a banner with the catalog message when the search fails', async () => {
    const { user, searchBox } = await renderSignedIn({ searchAccounts: () => fail('INTERNAL') });
    await user.type(searchBox, 'ellis');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Something went wrong in the app. Try again; if it keeps happening, call the service desk.',
    );
  });

  it('explains a refused search instead of showing the generic input error', async () => {
    const { user, searchBox } = await renderSignedIn({
      searchAccounts: () => fail('INVALID_INPUT', { issues: [{ path: 'query', message: 'Too big' }] }),
    });
    await user.type(searchBox, 'ellis');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That search cannot be used. Check what you typed and try again.',
    );
  });

  it('notes when more accounts matched than are shown', async () => {
    const { user, searchBox } = await renderSignedIn({
      searchAccounts: async () => found([hitFixture(), hitFixture({ accountNumber: '100000002' })], { truncated: true }),
    });
    await user.type(searchBox, 'e');
    const note = await screen.findByText('Showing the first 2 matches. Type more to narrow the search.');
    expect(note).toHaveAttribute('role', 'status');
  });

  it('keeps a 10,000-character paste to the limit, says so, and keeps working', async () => {
    const { desk, user, searchBox } = await renderSignedIn();
    await user.click(searchBox);
    await user.paste('9'.repeat(10_000));

    expect(searchBox).toHaveValue('9'.repeat(SEARCH_MAX_LENGTH));
    expect(screen.getByText(`Searches are limited to ${SEARCH_MAX_LENGTH} characters. Only the first ${SEARCH_MAX_LENGTH} are used.`)).toBeVisible();
    await waitFor(() => expect(desk.searchAccounts).toHaveBeenCalledTimes(1));
    const sent = desk.searchAccounts.mock.calls[0]![0].query;
    expect(sent).toHaveLength(SEARCH_MAX_LENGTH);
    // The shown query is shortened so the message stays on one screen.
    const empty = await screen.findByText(/^No account matches “9{60}…”/);
    expect(empty).toBeVisible();
  });

  it('does not crash on odd input: emoji, control characters, right-to-left text and only spaces', async () => {
    const { desk, user, searchBox } = await renderSignedIn();
    await user.click(searchBox);
    await user.paste('👩🏽‍💻\u0000\u202e<script>%s{name}');
    await waitFor(() => expect(desk.searchAccounts).toHaveBeenCalledTimes(1));
    expect(await screen.findByText(/No account matches “👩🏽‍💻/)).toBeInTheDocument();

    await user.clear(searchBox);
    await user.type(searchBox, '   ');
    expect(screen.getByText(/Type an account number/)).toBeVisible();
    expect(desk.searchAccounts).toHaveBeenCalledTimes(1);
  });

  it('clears the box and the results with Escape', async () => {
    const { user, searchBox } = await renderSignedIn({ searchAccounts: async () => found([hitFixture()]) });
    await user.type(searchBox, 'ellis');
    await screen.findByRole('option');
    await user.keyboard('{Escape}');
    expect(searchBox).toHaveValue('');
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByText(/Type an account number/)).toBeVisible();
  });

  it('shows the first screen of a long list at once and the rest of the page right after, and the last row when asked for it', async () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      hitFixture({ holderName: `Caller ${i + 1}`, accountNumber: String(100000001 + i) }),
    );
    const { user, searchBox } = await renderSignedIn({ searchAccounts: async () => found(many) });
    await user.type(searchBox, 'cal');
    // The answer frame holds the rows a screen shows; the page's other rows follow in the next task.
    expect((await screen.findAllByRole('option')).length).toBeGreaterThanOrEqual(FIRST_SCREEN_ROWS);
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(50));
    // ArrowUp from the box goes to the last result, which is there to be seen.
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('option', { selected: true })).toHaveTextContent('Caller 50');
  });

  it('renders only the first screen before the rest of the page is ready', async () => {
    const results = Array.from({ length: 50 }, (_, i) =>
      hitFixture({ holderName: `Caller ${i + 1}`, accountNumber: String(100000001 + i) }),
    );
    act(() => {
      useSearchStore.setState({ response: { modes: ['name'], results, truncated: false }, answeredQuery: 'cal', activeIndex: -1 });
    });
    render(<ResultList onOpenAccount={() => undefined} />);
    // The commit that answers the keystroke: the rows a screen shows, not the whole page.
    expect(screen.getAllByRole('option')).toHaveLength(FIRST_SCREEN_ROWS);
    // The rest comes after the next frame.
    await act(async () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    expect(screen.getAllByRole('option')).toHaveLength(50);
    act(() => useSearchStore.getState().clear());
  });

  it('keeps the rows of accounts that stay in the list as the agent types on', async () => {
    const jordan = hitFixture({ holderName: 'Jordan Ellis', accountNumber: '100000001' });
    const jo = hitFixture({ holderName: 'Jo Ellison', accountNumber: '100000002' });
    const { user, searchBox } = await renderSignedIn({
      searchAccounts: async ({ query }) =>
        // Each answer arrives as new objects, as it does over IPC.
        found(query === 'ell' ? [{ ...jo }, { ...jordan }] : [{ ...jordan }]),
    });
    await user.type(searchBox, 'ell');
    const before = await screen.findByRole('option', { name: /Jordan Ellis/ });
    await user.type(searchBox, 'is');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    const after = screen.getByRole('option', { name: /Jordan Ellis/ });
    expect(after).toBe(before);
    expect(after).toHaveAttribute('id', 'search-result-0');
  });
});
