import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '@shared/ipc/result';
import { installFakeDesk } from '../../../test/fake-desk';
import { queueItemFixture } from '../../../test/fixtures';
import { useApprovalQueueStore } from '../stores/approval-queue-store';
import { ApprovalQueue } from './approval-queue';

afterEach(() => useApprovalQueueStore.getState().reset());

describe('the daily limit on a queued request', () => {
  it('shows the requesting agent’s own daily limit when an admin set one, not the site’s', async () => {
    const item = { ...queueItemFixture(), agentApprovedTodayMinor: 4_000, agentDailyLimit: { amountMinor: 10_000, own: true } };
    installFakeDesk({ overridesQueue: async () => ok([item]) });
    render(<ApprovalQueue />);
    const card = await screen.findByRole('article', { name: /Carlos Peña/ });
    expect(card).toHaveTextContent(`Approved today for ${item.request.requestedBy}: $40.00 of their own daily limit of $100.00.`);
    expect(card).not.toHaveTextContent('site’s daily limit');
  });

  it('says the site’s daily limit applies when the agent has none of their own', async () => {
    const item = { ...queueItemFixture(), agentApprovedTodayMinor: 0, agentDailyLimit: { amountMinor: 20_000, own: false } };
    installFakeDesk({ overridesQueue: async () => ok([item]) });
    render(<ApprovalQueue />);
    const card = await screen.findByRole('article', { name: /Carlos Peña/ });
    expect(card).toHaveTextContent('$0.00 of the site’s daily limit of $200.00 (no limit of their own is set).');
  });
});
