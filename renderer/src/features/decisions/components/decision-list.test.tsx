import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccountDecisions } from '@shared/ipc/decision-channels';
import { nlTelecommunicatiewetOutageV2 } from '@shared/policy/packs/nl-telecommunicatiewet-outage';
import type { PolicyInput } from '@shared/policy/policy-schema';
import { AS_OF, decide, lines } from '../../../test/decision-fixtures';
import { DecisionList } from './decision-list';

const dutch = {
  account: { country: 'NL' as const, currency: 'EUR' as const, region: 'NH', monthlyChargeMinor: 4650 },
  outage: { startsAt: '2024-09-10T04:00:00.000Z', endsAt: '2024-09-11T06:00:00.000Z', regions: ['NH'], cause: 'equipment' as const },
};
const goodwill: PolicyInput = {
  code: 'nl-carrier-goodwill-2024-09',
  version: 1,
  name: 'Carrier goodwill after the Randstad outage',
  currency: 'EUR',
  unit: 'account',
  amount: { kind: 'flat', amountMinor: 500 },
  delivery: { mode: 'automatic', postWithinCycles: 2 },
};

describe('the decision list', () => {
  it('shows the legal amount as its own line and the carrier goodwill beside it for the same outage', () => {
    const data: AccountDecisions = {
      accountNumber: '312000000005',
      asOf: AS_OF,
      lines: [...lines],
      decisions: [decide(nlTelecommunicatiewetOutageV2, dutch), decide(goodwill, dutch)],
      credits: [],
      faultReports: [],
      claims: [],
    };
    render(<DecisionList data={data} locale="en-US" timeZone="UTC" />);
    const [statute, carrier] = screen.getAllByRole('article');
    expect(within(statute!).getByText('Legal amount (the law’s minimum)')).toBeInTheDocument();
    expect(within(statute!).getByTestId('decision-amount')).toHaveTextContent('€3.10');
    expect(within(carrier!).getByText('Carrier goodwill')).toBeInTheDocument();
    expect(within(carrier!).getByTestId('decision-amount')).toHaveTextContent('€5.00');
    expect(within(carrier!).getByTestId('decision-beside-legal')).toHaveTextContent('on top of the legal amount of €3.10');
  });
});
