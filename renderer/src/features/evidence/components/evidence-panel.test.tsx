import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountDecisions } from '@shared/ipc/decision-channels';
import { err, ok } from '@shared/ipc/result';
import { installFakeDesk } from '../../../test/fake-desk';
import { AS_OF, decide, lines, makeItRight } from '../../../test/decision-fixtures';
import { useEvidenceStore } from '../stores/evidence-store';
import { EvidencePanel } from './evidence-panel';

afterEach(() => useEvidenceStore.getState().reset());

function data(change: Partial<AccountDecisions> = {}): AccountDecisions {
  return { accountNumber: '287100000001', asOf: AS_OF, lines: [...lines], decisions: [decide(makeItRight)], credits: [], faultReports: [], claims: [], ...change };
}

const recordedReport = {
  id: 'FR1',
  accountId: 1,
  lineId: null,
  outageId: 3,
  fromAt: '2024-02-22T09:00:00.000Z',
  toAt: null,
  failed: ['calls' as const],
  reportedAt: '2024-03-04T15:00:00.000Z',
  note: 'No calls at all on either phone the whole morning.',
  interactionRef: 'CALL-9',
  recordedBy: 'alice',
};

describe('the evidence panel', () => {
  it('shows every recorded fault report of the outage, with the customer’s words, to anyone who reads the account', () => {
    render(<EvidencePanel data={data({ faultReports: [recordedReport] })} locale="en-US" timeZone="UTC" canRecord={false} callId={null} onChanged={vi.fn()} />);
    expect(screen.getByTestId('fault-report')).toHaveTextContent('Whole account: calls failed from');
    expect(screen.getByTestId('fault-report')).toHaveTextContent('No calls at all on either phone the whole morning.');
    expect(screen.queryByRole('button', { name: 'Record a fault report' })).toBeNull();
  });

  it('records a report as told, checks it first, and says that a supervisor was asked to approve the credit', async () => {
    const desk = installFakeDesk({
      faultReportsRecord: async () =>
        ok({
          report: recordedReport,
          creditRequest: {
            id: '01HQ0000000000000000000000',
            accountNumber: '287100000001',
            holderName: 'Maria Müller',
            outageId: 3,
            outageTitle: 'x',
            kind: 'report_credit',
            amountMinor: 500,
            currency: 'USD',
            reasonCode: 'customer_fault_report',
            justification: recordedReport.note,
            interactionRef: 'CALL-9',
            requestedBy: 'alice',
            status: 'pending',
            decidedBy: null,
            decisionNote: null,
            createdAt: AS_OF,
            decidedAt: null,
            expiresAt: AS_OF,
            creditId: null,
            creditStatus: null,
            billDate: null,
            version: 1,
          },
          requestNotFiled: null,
          creditIds: [],
        }),
    });
    const onChanged = vi.fn();
    render(<EvidencePanel data={data()} locale="en-US" timeZone="America/Chicago" canRecord callId="CALL-9" onChanged={onChanged} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Record a fault report' }));
    await user.click(screen.getByRole('button', { name: 'Record the report' }));
    expect(screen.getByText('Choose at least one service that failed.')).toBeInTheDocument();
    expect(desk.faultReportsRecord).not.toHaveBeenCalled();

    await user.click(screen.getByLabelText('calls'));
    await user.type(screen.getByLabelText('Failed from (your time)'), '2024-02-22T03:00');
    await user.type(screen.getByLabelText('What the customer says'), recordedReport.note);
    await user.click(screen.getByRole('button', { name: 'Record the report' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(desk.faultReportsRecord).toHaveBeenCalledWith(
      expect.objectContaining({ lineId: null, failed: ['calls'], fromAt: '2024-02-22T09:00:00.000Z', toAt: null, interactionRef: 'CALL-9' }),
    );
    expect(screen.getByTestId('fault-report-notice')).toHaveTextContent('a supervisor has been asked to approve it');
  });

  it('words a refusal from its reason and keeps the form open', async () => {
    installFakeDesk({ faultReportsRecord: async () => err('CONFLICT', { details: { reason: 'before_the_outage' } }) });
    render(<EvidencePanel data={data()} locale="en-US" timeZone="UTC" canRecord callId="CALL-9" onChanged={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Record a fault report' }));
    await user.click(screen.getByLabelText('mobile data'));
    await user.type(screen.getByLabelText('Failed from (your time)'), '2024-02-21T03:00');
    await user.type(screen.getByLabelText('What the customer says'), recordedReport.note);
    await user.click(screen.getByRole('button', { name: 'Record the report' }));
    expect(await screen.findByText('That is before the outage began: record it as a separate fault.')).toBeInTheDocument();
  });
});
