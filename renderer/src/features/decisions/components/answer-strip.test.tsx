import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AccountDecisions, OutageDecision } from '@shared/ipc/decision-channels';
import { AnswerStrip } from './answer-strip';
import { AS_OF, decide, guarantee, impact, lines, makeItRight } from '../../../test/decision-fixtures';

function data(...decisions: OutageDecision[]): AccountDecisions {
  return { accountNumber: '287100000001', asOf: AS_OF, lines: [...lines], decisions, credits: [], faultReports: [], claims: [] };
}

function row(): HTMLElement {
  return screen.getByTestId('answer-row');
}

describe('the answer strip', () => {
  it('answers yes with the amount, the bill and the latest bill, and that nothing is to be done', () => {
    render(<AnswerStrip data={data(decide(makeItRight, { impacts: [impact(11, 180)] }))} locale="en-US" />);
    expect(row()).toHaveAttribute('data-status', 'eligible');
    expect(within(row()).getByText('Eligible')).toBeInTheDocument();
    expect(row()).toHaveTextContent('$5.00');
    expect(row()).toHaveTextContent(/Say: Yes: a \$5\.00 credit on your \w+ \d+, 2024 bill, at the latest \w+ \d+, 2024\. You don’t need to do anything\./);
  });

  it('gives the reason first when there is no credit, in the words of the rule, with the override on the same row', async () => {
    const onRequestOverride = vi.fn();
    const entry = decide(makeItRight, { account: { paymentType: 'prepaid' }, impacts: [impact(11, 180)] });
    render(<AnswerStrip data={data(entry)} locale="en-US" onRequestOverride={onRequestOverride} />);
    expect(row()).toHaveAttribute('data-status', 'not_eligible');
    expect(row()).toHaveTextContent('Say: No credit for this outage: This is a Prepaid account.');
    // Never a "$0.00" to read aloud.
    expect(row()).not.toHaveTextContent('$0.00');
    await userEvent.setup().click(within(row()).getByRole('button', { name: 'Request an override' }));
    expect(onRequestOverride).toHaveBeenCalledWith(entry.outage.id);
  });

  it('says what to ask the customer when the decision needs review', () => {
    const entry = decide(guarantee, { outage: { towersAffected: null }, impacts: [impact(11, 180)] });
    render(<AnswerStrip data={data(entry)} locale="en-US" />);
    expect(row()).toHaveAttribute('data-status', 'needs_review');
    const first = entry.decision!.review[0];
    expect(row()).toHaveTextContent(first ? 'Say: I need to check one thing with you first.' : 'Say: I need to check this before I can tell you.');
  });

  it('offers no override for a role that cannot file one, nor while a request waits, and then says it waits', () => {
    const entry = decide(makeItRight, { account: { paymentType: 'prepaid' }, impacts: [impact(11, 180)] });
    const { rerender } = render(<AnswerStrip data={data(entry)} locale="en-US" />);
    expect(within(row()).queryByRole('button')).toBeNull();
    rerender(<AnswerStrip data={data(entry)} locale="en-US" onRequestOverride={() => undefined} pendingOverrideOutageIds={new Set([entry.outage.id])} />);
    expect(within(row()).queryByRole('button')).toBeNull();
    expect(row()).toHaveTextContent('Override requested: waiting for a supervisor.');
  });

  it('shows nothing for an account no outage touched', () => {
    const { container } = render(<AnswerStrip data={data()} locale="en-US" />);
    expect(container).toBeEmptyDOMElement();
  });
});
