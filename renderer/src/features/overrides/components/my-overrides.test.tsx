import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { OverrideRequestView } from '@shared/domain/override';
import { ok } from '@shared/ipc/result';
import { fail, installFakeDesk } from '../../../test/fake-desk';
import { MyOverrides } from './my-overrides';

function request(): OverrideRequestView {
  return {
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
    requestedBy: 'alice',
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
  };
}

describe('my override requests', () => {
  it('says when the agent has filed nothing', async () => {
    installFakeDesk({ overridesMine: async () => ok([]) });
    render(<MyOverrides />);
    expect(await screen.findByText('You have not filed any override requests.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('offers to try again when the list cannot be loaded, and shows it once it can', async () => {
    let calls = 0;
    const desk = installFakeDesk({ overridesMine: () => (++calls === 1 ? fail('INTERNAL') : Promise.resolve(ok([request()]))) });
    const user = userEvent.setup();
    render(<MyOverrides />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong in the app.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    const table = await screen.findByRole('table', { name: 'My override requests' });
    expect(within(table).getByRole('row', { name: /Carlos Peña/ })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(desk.overridesMine).toHaveBeenCalledTimes(2);
  });
});
