import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OverrideRequestView } from '@shared/domain/override';
import type { OverrideOutageOption } from '@shared/ipc/override-channels';
import { err, ok } from '@shared/ipc/result';
import { deferred, installFakeDesk } from '../../../test/fake-desk';
import { OverrideForm } from './override-form';
import { useOverridePanelStore } from '../stores/override-panel-store';

const option: OverrideOutageOption = {
  outageId: 1,
  title: 'Nationwide wireless outage',
  startsAt: '2024-02-22T08:45:00.000Z',
  currency: 'USD',
  liveCreditMinor: 0,
  liveCreditCount: 0,
  openRequestId: null,
  allowedKinds: ['goodwill'],
};

function view(): OverrideRequestView {
  return {
    id: '01HQ0000000000000000000000',
    accountNumber: '287100000002',
    holderName: 'Carlos Peña',
    outageId: 1,
    outageTitle: option.title,
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

function renderForm(shown: OverrideOutageOption = option) {
  const onDone = vi.fn();
  const onCancel = vi.fn();
  render(<OverrideForm accountNumber="287100000002" option={shown} perRequestCapMinor={5000} locale="en-US" onDone={onDone} onCancel={onCancel} />);
  return { onDone, onCancel, user: userEvent.setup() };
}

async function fillValid(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Amount (USD)'), '5.00');
  await user.type(screen.getByLabelText('Justification'), 'Prepaid customer without service all day.');
  await user.type(screen.getByLabelText('Interaction reference'), 'CALL-1');
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).desk;
});

describe('the override form', () => {
  it('files one request for a double click and disables submit while it is sent', async () => {
    const reply = deferred<Awaited<ReturnType<typeof ok<OverrideRequestView>>>>();
    const desk = installFakeDesk({ overridesSubmit: () => reply.promise });
    const { onDone, user } = renderForm();
    await fillValid(user);
    const submit = screen.getByRole('button', { name: 'Submit for approval' });
    await user.dblClick(submit);
    expect(screen.getByRole('button', { name: 'Submitting…' })).toBeDisabled();
    reply.resolve(ok(view()));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(desk.overridesSubmit).toHaveBeenCalledTimes(1);
    expect(desk.overridesSubmit.mock.calls[0]![0]).toMatchObject({ amountMinor: 500, kind: 'goodwill', outageId: 1 });
  });

  it('shows main’s INVALID_INPUT issues beside their fields', async () => {
    installFakeDesk({
      overridesSubmit: async () => err('INVALID_INPUT', { issues: [{ path: 'interactionRef', message: 'bad' }] }),
    });
    const { user } = renderForm();
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Submit for approval' }));
    expect(await screen.findByText(/Enter the call or ticket reference/)).toBeInTheDocument();
    expect(screen.getByLabelText('Interaction reference')).toHaveAttribute('aria-invalid', 'true');
  });

  it('checks the justification length before asking main', async () => {
    const desk = installFakeDesk();
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Amount (USD)'), '5');
    await user.type(screen.getByLabelText('Justification'), 'too short');
    await user.type(screen.getByLabelText('Interaction reference'), 'CALL-1');
    await user.click(screen.getByRole('button', { name: 'Submit for approval' }));
    expect(screen.getByText('Write at least 20 characters.')).toBeInTheDocument();
    expect(desk.overridesSubmit).not.toHaveBeenCalled();
  });

  it('words a refusal from its reason, with the cap main reported', async () => {
    installFakeDesk({
      overridesSubmit: async () => err('CONFLICT', { details: { reason: 'over_request_cap', perRequestCapMinor: 5000 } }),
    });
    const { user } = renderForm();
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Submit for approval' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The amount is above the limit of $50.00 per request.');
  });

  it('prefills a reversal with the live credit, so the agent reverses exactly what was credited', async () => {
    const desk = installFakeDesk({ overridesSubmit: async () => ok({ ...view(), kind: 'reverse', amountMinor: 1_250 }) });
    const credited: OverrideOutageOption = { ...option, liveCreditMinor: 1_250, liveCreditCount: 1, allowedKinds: ['reverse', 'adjust'] };
    const { onDone, user } = renderForm(credited);
    expect(screen.getByLabelText('Kind')).toHaveValue('reverse');
    expect(screen.getByLabelText('Amount (USD)')).toHaveValue('12.50');
    await user.type(screen.getByLabelText('Justification'), 'Credit was applied to the wrong outage.');
    await user.type(screen.getByLabelText('Interaction reference'), 'CALL-2');
    await user.click(screen.getByRole('button', { name: 'Submit for approval' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(desk.overridesSubmit.mock.calls[0]![0]).toMatchObject({ kind: 'reverse', amountMinor: 1_250, outageId: 1 });
  });

  it('leaves the amount empty for a goodwill credit, which has no credit to start from', () => {
    installFakeDesk();
    renderForm({ ...option, liveCreditMinor: 1_250, liveCreditCount: 1, allowedKinds: ['goodwill'] });
    expect(screen.getByLabelText('Amount (USD)')).toHaveValue('');
  });
});

describe('the override form and the keyboard', () => {
  it('takes focus on its first field when it opens', () => {
    renderForm();
    expect(screen.getByLabelText('Kind')).toHaveFocus();
  });

  it('closes with Escape from any field, and the Escape goes no further', async () => {
    const outside = vi.fn();
    window.addEventListener('keydown', outside);
    const { onCancel, user } = renderForm();
    await user.type(screen.getByLabelText('Justification'), 'Half a sentence');
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(outside).not.toHaveBeenCalledWith(expect.objectContaining({ key: 'Escape' }));
    window.removeEventListener('keydown', outside);
  });
});

describe('the override form after a screen-pop', () => {
  it('takes the call id the phone system sent as the interaction reference', () => {
    useOverridePanelStore.getState().setCallId('CALL-20240304-0042');
    try {
      renderForm();
      expect(screen.getByLabelText('Interaction reference')).toHaveValue('CALL-20240304-0042');
    } finally {
      useOverridePanelStore.getState().reset();
    }
  });
});
