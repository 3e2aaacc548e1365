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

  it('marks a request waiting for the hub, and one the hub refused with its reason', async () => {
    const waiting = { ...request(), syncState: 'pending_sync' as const, syncRefusal: null };
    const refused = { ...request(), id: '01HQ0000000000000000000001', status: 'rejected' as const, syncState: 'refused' as const, syncRefusal: 'own_request' };
    const standalone = { ...request(), id: '01HQ0000000000000000000002' };
    installFakeDesk({ overridesMine: async () => ok([waiting, refused, standalone]) });
    render(<MyOverrides />);
    const table = await screen.findByRole('table', { name: 'My override requests' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByTestId('sync-note')).toHaveTextContent('Waiting to reach the hub');
    expect(within(rows[1]!).getByTestId('sync-note')).toHaveTextContent('The hub refused this: You cannot decide a request you filed yourself.');
    expect(within(rows[2]!).queryByTestId('sync-note')).not.toBeInTheDocument();
  });
});
