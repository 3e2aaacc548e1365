import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { OverrideQueueItem } from '@shared/ipc/override-channels';
import { err, ok } from '@shared/ipc/result';
import { installFakeDesk } from '../../../test/fake-desk';
import { useApprovalQueueStore } from '../stores/approval-queue-store';
import { ApprovalQueue } from './approval-queue';

function item(): OverrideQueueItem {
  return {
    request: {
      id: '01HQ0000000000000000000000',
      accountNumber: '287100000002',
      holderName: 'Carlos Peña',
      outageId: 1,
      outageTitle: 'Nationwide wireless outage',
      kind: 'goodwill',
      amountMinor: 500,
      currency: 'USD',
      reasonCode: 'excluded_segment_goodwill',
      justification: 'Prepaid customer without service all day.',
      interactionRef: 'CALL-1',
      requestedBy: 'sam',
      status: 'pending',
      decidedBy: null,
      decisionNote: null,
      createdAt: '2024-03-04T15:00:00.000Z',
      decidedAt: null,
      expiresAt: '2024-03-11T15:00:00.000Z',
      creditId: null,
      creditStatus: null,
      billDate: null,
      version: 1,
    },
    decision: {
      policyCode: 'att-2024-02-make-it-right',
      status: 'not_eligible',
      amountMinor: 0,
      currency: 'USD',
      failedRules: ['payment_type_included'],
      liveCreditMinor: 0,
    },
    agentHistory: [],
    agentApprovedTodayMinor: 0,
  };
}

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
});
