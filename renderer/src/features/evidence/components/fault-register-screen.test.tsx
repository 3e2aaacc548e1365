import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '@shared/ipc/result';
import { installFakeDesk } from '../../../test/fake-desk';
import { useFaultRegisterStore } from '../stores/fault-register-store';
import { FaultRegisterScreen } from './fault-register-screen';

afterEach(() => useFaultRegisterStore.getState().reset());

const row = {
  id: 'FR1',
  accountId: 1,
  lineId: null,
  outageId: 3,
  fromAt: '2024-02-22T09:00:00.000Z',
  toAt: '2024-02-22T19:30:00.000Z',
  failed: ['calls' as const, 'data' as const],
  reportedAt: '2024-03-04T15:00:00.000Z',
  note: 'No calls and no data on either phone all morning.',
  interactionRef: 'CALL-9',
  recordedBy: 'alice',
  accountNumber: '280000000005',
  holderName: 'Chloé Johnson',
  outageTitle: 'Nationwide wireless outage',
  request: { id: 'R1', status: 'pending' as const, amountMinor: 500, currency: 'USD' },
};

describe('the fault-report register', () => {
  it('lists every report with whose it is, what failed, who recorded it and the request it led to', async () => {
    installFakeDesk({ faultReportsList: async () => ok([row, { ...row, id: 'FR2', request: null, lineId: 12 }]) });
    render(<FaultRegisterScreen />);
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    const rows = screen.getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Chloé Johnson');
    expect(rows[1]).toHaveTextContent('Whole account: calls, mobile data, from');
    expect(rows[1]).toHaveTextContent('$5.00, Pending');
    expect(rows[2]).toHaveTextContent('None: the credit did not rest on this report alone.');
  });

  it('says when the register cannot be read, and offers to try again', async () => {
    installFakeDesk({ faultReportsList: async () => err('FORBIDDEN_ROLE') });
    render(<FaultRegisterScreen />);
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
