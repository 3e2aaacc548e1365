import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '@shared/ipc/result';
import { installFakeDesk } from '../../../test/fake-desk';
import { queueItemFixture } from '../../../test/fixtures';
import { useApprovalQueueStore } from '../stores/approval-queue-store';
import { ApprovalQueue } from './approval-queue';

const item = queueItemFixture;

afterEach(() => {
  useApprovalQueueStore.getState().reset();
});

describe('the approval queue', () => {
  it('shows each request with the account’s decision in words, and asks for the pending ones first', async () => {
    const desk = installFakeDesk({ overridesQueue: async () => ok([item()]) });
    render(<ApprovalQueue />);
    const card = await screen.findByRole('article', { name: /Carlos Peña, account 287100000002/ });
    expect(card).toHaveTextContent('Not eligible');
    expect(card).toHaveTextContent('Rules not met: Payment type.');
    expect(desk.overridesQueue).toHaveBeenCalledWith({ status: 'pending' });
  });

  it('says why main refused an approval of one’s own request, and needs a note first', async () => {
    const desk = installFakeDesk({
      overridesQueue: async () => ok([item()]),
      overridesDecide: async () => err('FORBIDDEN_ROLE', { details: { reason: 'own_request' } }),
    });
    const user = userEvent.setup();
    render(<ApprovalQueue />);
    const card = await screen.findByRole('article', { name: /Carlos Peña/ });
    await user.click(within(card).getByRole('button', { name: 'Approve' }));
    expect(within(card).getByText('Write a note for the decision.')).toBeInTheDocument();
    expect(desk.overridesDecide).not.toHaveBeenCalled();
    await user.type(within(card).getByLabelText('Decision note'), 'Looks fine.');
    await user.click(within(card).getByRole('button', { name: 'Approve' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent('You cannot decide a request you filed yourself.');
    expect(desk.overridesDecide).toHaveBeenCalledWith({ requestId: item().request.id, version: 1, decision: 'approve', note: 'Looks fine.' });
  });

  it('shows each pattern flag with its reason, and a flagged request can still be approved', async () => {
    const flagged = {
      ...item(),
      flags: [
        { rule: 'agent_rate' as const, recent: 9, usual: 1.5, hours: 24 },
        { rule: 'repeat_account' as const, count: 3, days: 30 },
        { rule: 'repeat_customer' as const, accounts: 2, count: 2, days: 30 },
        { rule: 'near_cap' as const, count: 4, days: 30, capMinor: 5_000 },
      ],
    };
    const desk = installFakeDesk({ overridesQueue: async () => ok([flagged, { ...item({ id: 'PLAIN', holderName: 'Dana Plain' }) }]) });
    const user = userEvent.setup();
    render(<ApprovalQueue />);
    const card = await screen.findByRole('article', { name: /Carlos Peña/ });
    const flags = within(card).getByRole('region', { name: 'Worth a closer look' });
    expect(within(flags).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'sam filed 9 requests in the 24 hours up to this one; usually about 1.5.',
      '3 requests for this account in 30 days, this one included.',
      'Requests for 2 accounts of the same customer (same e-mail or phone) in 30 days.',
      '4 requests by sam just under the cap of $50.00 in 30 days, this one included.',
    ]);
    expect(within(screen.getByRole('article', { name: /Dana Plain/ })).queryByRole('region', { name: 'Worth a closer look' })).toBeNull();
    await user.type(within(card).getByLabelText('Decision note'), 'Checked the history.');
    await user.click(within(card).getByRole('button', { name: 'Approve' }));
    expect(desk.overridesDecide).toHaveBeenCalledWith(expect.objectContaining({ requestId: flagged.request.id, decision: 'approve' }));
  });

  it('says the queue is clear when nothing waits, and that nothing matches when filters hide requests', async () => {
    installFakeDesk({ overridesQueue: async () => ok([]) });
    const user = userEvent.setup();
    render(<ApprovalQueue />);
    expect(await screen.findByText('Queue clear: no request is waiting for a decision.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Agent'), 'bob');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('No requests match these filters.')).toBeInTheDocument();
  });

  it('orders by age or by time to expiry, and filters by outage name', async () => {
    const older = item({ id: 'A', holderName: 'Ann Older', createdAt: '2024-03-01T10:00:00.000Z', expiresAt: '2024-03-12T10:00:00.000Z' });
    const sooner = item({ id: 'B', holderName: 'Bea Sooner', createdAt: '2024-03-03T10:00:00.000Z', expiresAt: '2024-03-05T10:00:00.000Z', outageId: 2, outageTitle: 'Fiber cut in Texas' });
    installFakeDesk({ overridesQueue: async () => ok([sooner, older]) });
    const user = userEvent.setup();
    render(<ApprovalQueue />);
    const names = async () => (await screen.findAllByRole('article')).map((a) => a.getAttribute('data-request-id'));
    expect(await names()).toEqual(['A', 'B']);
    await user.selectOptions(screen.getByLabelText('Order'), 'expiry');
    expect(await names()).toEqual(['B', 'A']);
    await user.selectOptions(screen.getByLabelText('Outage'), 'Fiber cut in Texas');
    expect(await names()).toEqual(['B']);
  });

  it('is decided from the keyboard: J and K move, A arms an approval, Enter in the note sends it, Escape cancels', async () => {
    const first = item({ id: 'A', holderName: 'Ann First', createdAt: '2024-03-01T10:00:00.000Z' });
    const second = item({ id: 'B', holderName: 'Bea Second', createdAt: '2024-03-02T10:00:00.000Z' });
    const desk = installFakeDesk({
      overridesQueue: async () => ok([first, second]),
      overridesDecide: async () => ok({ ...second.request, status: 'approved', billDate: '2024-03-14' }),
    });
    const user = userEvent.setup();
    render(<ApprovalQueue />);
    const [cardA, cardB] = (await screen.findAllByRole('article')) as [HTMLElement, HTMLElement];
    act(() => cardA.focus());
    expect(cardA).toHaveAttribute('aria-current', 'true');
    await user.keyboard('j');
    expect(cardB).toHaveAttribute('aria-current', 'true');
    expect(cardB).toHaveFocus();
    await user.keyboard('k');
    expect(cardA).toHaveFocus();
    await user.keyboard('j');
    await user.keyboard('r');
    expect(within(cardB).getByLabelText('Decision note')).toHaveFocus();
    expect(within(cardB).getByText(/^Reject the request of \$5\.00 for Bea Second\?/)).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(within(cardB).queryByText(/^Reject the request/)).toBeNull();
    expect(cardB).toHaveFocus();
    await user.keyboard('a');
    expect(within(cardB).getByText(/^Approve \$5\.00 for Bea Second\?/)).toBeInTheDocument();
    await user.keyboard('Customer was without service for a day.{Enter}');
    expect(desk.overridesDecide).toHaveBeenCalledWith({ requestId: 'B', version: 1, decision: 'approve', note: 'Customer was without service for a day.' });
    // Letters typed into the note are the note, not commands.
    expect(cardB).toHaveAttribute('aria-current', 'true');
  });

  it('opens the request’s account', async () => {
    installFakeDesk({ overridesQueue: async () => ok([item()]) });
    const opened: string[] = [];
    const user = userEvent.setup();
    render(<ApprovalQueue onOpenAccount={(n) => opened.push(n)} />);
    await user.click(await screen.findByRole('button', { name: 'Open account 287100000002' }));
    expect(opened).toEqual(['287100000002']);
  });
});
