import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CreditEntry } from '@shared/ipc/decision-channels';
import { CreditTimeline } from './credit-timeline';

const lines = [{ id: 11, numberE164: '+12125550147', serviceType: 'wireless_voice' as const, monthlyRateMinor: 6500, status: 'active' as const }];

function credit(overrides: Partial<CreditEntry>): CreditEntry {
  return {
    id: 'C1',
    amountMinor: 500,
    currency: 'USD',
    policyCode: 'att-2024-02-make-it-right',
    policyVersion: 1,
    outageId: 1,
    outageTitle: 'Nationwide wireless outage (network change)',
    lineId: null,
    source: 'automatic',
    status: 'scheduled',
    scheduledOn: '2024-03-04',
    billDate: '2024-03-14',
    createdAt: '2024-03-04T15:00:00.000Z',
    ...overrides,
  };
}

describe('CreditTimeline', () => {
  it('lists each credit with amount, policy and version, source, status and bill date', () => {
    render(
      <CreditTimeline
        credits={[
          credit({}),
          credit({ id: 'C2', amountMinor: 224, lineId: 11, source: 'override', status: 'posted', policyCode: 'att-guarantee-2025-wireless', policyVersion: 2, billDate: null }),
        ]}
        lines={lines}
        locale="en-US"
      />,
    );
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Mar 14, 2024');
    expect(rows[0]).toHaveTextContent('$5.00');
    expect(rows[0]).toHaveTextContent('att-2024-02-make-it-right version 1');
    expect(rows[0]).toHaveTextContent('Whole account');
    expect(rows[0]).toHaveTextContent('Automatic');
    expect(rows[0]).toHaveTextContent('Scheduled');
    expect(rows[1]).toHaveTextContent('$2.24');
    expect(rows[1]).toHaveTextContent('att-guarantee-2025-wireless version 2');
    expect(rows[1]).toHaveTextContent('Line +12125550147');
    expect(rows[1]).toHaveTextContent('Override');
    expect(rows[1]).toHaveTextContent('Posted');
    expect(rows[1]).toHaveTextContent('Not set yet');
  });

  it('says so when the account has no credits', () => {
    render(<CreditTimeline credits={[]} lines={lines} locale="en-US" />);
    expect(screen.getByText('No credits on this account yet.')).toBeInTheDocument();
  });
});
