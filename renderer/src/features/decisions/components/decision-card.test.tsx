import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { idempotencyKey } from '@shared/domain/credit';
import { DecisionCard } from './decision-card';
import { account, decide, guarantee, impact, lines, makeItRight, outage } from '../../../test/decision-fixtures';

function renderCard(entry: ReturnType<typeof decide>) {
  render(<DecisionCard entry={entry} lines={lines} locale="en-US" timeZone="America/Chicago" />);
  return screen.getByRole('article');
}

function ruleItem(card: HTMLElement, code: string): HTMLElement {
  const item = card.querySelector<HTMLElement>(`[data-rule="${code}"]`);
  if (!item) throw new Error(`no rule ${code}`);
  return item;
}

describe('DecisionCard', () => {
  it('shows an eligible per-account credit with its amount, bill dates and the per-account note', () => {
    const card = renderCard(decide(makeItRight));
    expect(within(card).getByText('Eligible')).toBeInTheDocument();
    expect(within(card).getByTestId('decision-amount')).toHaveTextContent('$5.00');
    expect(card).toHaveTextContent('On the bill of Oct 14, 2024, at the latest Nov 14, 2024.');
    expect(card).toHaveTextContent('One credit per account, whatever the number of lines.');
    expect(card).toHaveTextContent('A fixed amount of $5.00.');
    expect(ruleItem(card, 'payment_type_included')).toHaveTextContent('Pass');
  });

  it('words the failing payment type rule for the customer, and says what would change and that an override can be requested', () => {
    const card = renderCard(decide(makeItRight, { account: { paymentType: 'prepaid' } }));
    expect(within(card).getByText('Not eligible')).toBeInTheDocument();
    const rule = ruleItem(card, 'payment_type_included');
    expect(rule).toHaveAttribute('data-outcome', 'fail');
    expect(rule).toHaveTextContent(
      'This is a Prepaid account. The February 2024 credit applies to postpaid wireless accounts of AT&T consumers.',
    );
    expect(card).toHaveTextContent('Payment type: would need Postpaid.');
    expect(card).toHaveTextContent('An override can be requested: a goodwill credit, for a supervisor to approve.');
    expect(card).not.toHaveTextContent('On the bill of');
  });

  it('says a closed account cannot get an override', () => {
    const card = renderCard(decide(makeItRight, { account: { status: 'closed' } }));
    expect(card).toHaveTextContent('No override can be requested: the account is closed.');
  });

  it('shows every rule with its outcome, including not applicable ones, and to a supervisor its facts', () => {
    render(<DecisionCard entry={decide(makeItRight)} lines={lines} locale="en-US" timeZone="America/Chicago" showInternals />);
    const card = screen.getByRole('article');
    expect(ruleItem(card, 'outage_min_duration')).toHaveTextContent('Not applicable');
    expect(ruleItem(card, 'outage_min_duration')).toHaveTextContent('The February 2024 credit does not check this.');
    expect(within(ruleItem(card, 'brand_included')).getByText('brand')).toBeInTheDocument();
    expect(ruleItem(card, 'brand_included')).toHaveTextContent('AT&T');
  });

  it('keeps the rules collapsed under "Why", and the engine internals from agents', () => {
    const card = renderCard(decide(makeItRight));
    const why = within(card).getByTestId('decision-why');
    expect(why.tagName).toBe('DETAILS');
    expect(why).not.toHaveAttribute('open');
    expect(within(why).getByText(/^Why: the \d+ rules checked$/)).toBeInTheDocument();
    expect(ruleItem(card, 'brand_included')).toHaveTextContent('This is an account of AT&T');
    expect(card).not.toHaveTextContent('idempotencyKey');
    expect(within(ruleItem(card, 'brand_included')).queryByText('brand')).toBeNull();
  });

  it('marks an account that already has the credit as already credited', () => {
    const key = idempotencyKey({ accountId: account.id, outageId: outage.id, policyCode: makeItRight.code });
    const credit = {
      id: 'C1',
      accountId: account.id,
      lineId: null,
      outageId: outage.id,
      policyCode: makeItRight.code,
      policyVersion: 1,
      amountMinor: 500,
      currency: 'USD' as const,
      source: 'automatic' as const,
      status: 'scheduled' as const,
      scheduledOn: '2024-03-04',
      billDate: '2024-03-14',
      idempotencyKey: key,
    };
    const card = renderCard(decide(makeItRight, { credits: [credit] }));
    expect(within(card).getByText('Already credited')).toBeInTheDocument();
    expect(card).toHaveTextContent('Already credited: $5.00.');
    expect(ruleItem(card, 'not_already_credited')).toHaveTextContent('This credit has already been given for this outage.');
  });

  it('marks an undecidable case as needs review and says why', () => {
    const card = renderCard(decide(guarantee, { outage: { towersAffected: null }, impacts: [impact(11, 180)] }));
    expect(within(card).getAllByText('Needs review')[0]).toBeInTheDocument();
    expect(ruleItem(card, 'outage_min_towers')).toHaveTextContent('The number of towers affected is not known yet');
  });

  it('says an override request waits for a supervisor, only when one does', () => {
    render(<DecisionCard entry={decide(makeItRight)} lines={lines} locale="en-US" timeZone="America/Chicago" overridePending />);
    expect(screen.getByRole('article')).toHaveTextContent('Override requested: waiting for a supervisor.');
  });

  it('says nothing of overrides when none waits', () => {
    expect(renderCard(decide(makeItRight))).not.toHaveTextContent('Override requested');
  });

  it('names the affected lines in the same format as the lines table', () => {
    const card = renderCard(decide(guarantee, { impacts: [impact(11, 180), impact(12, 30)] }));
    expect(card).toHaveTextContent('Lines affected: (212) 555-0147, (212) 555-0148');
  });

  it('shows each line of a per-line policy with its own result, the daily-rate derivation and the account total', () => {
    const card = renderCard(decide(guarantee, { impacts: [impact(11, 180), impact(12, 30)] }));
    expect(card).toHaveTextContent('One credit per line: each line has its own result.');
    const table = within(card).getByRole('table');
    const first = table.querySelector<HTMLElement>('[data-line="11"]')!;
    const second = table.querySelector<HTMLElement>('[data-line="12"]')!;
    expect(first).toHaveTextContent('Eligible');
    expect(first).toHaveTextContent('$2.24');
    expect(first).toHaveTextContent('$65.00 monthly line rate / 29 days in February = $2.24 a day x 1 day = $2.24');
    expect(second).toHaveTextContent('Not eligible');
    expect(second).toHaveTextContent('This line was without service for 30 min in a row, but the AT&T Guarantee needs at least 1 h.');
    expect(within(table).getByText('Account total').closest('tr')).toHaveTextContent('$2.24');
  });

  it('says when no policy is attached to an outage', () => {
    render(
      <DecisionCard
        entry={{ ...decide(makeItRight), policy: null, decision: null }}
        lines={lines}
        locale="en-US"
        timeZone="America/Chicago"
      />,
    );
    expect(screen.getByRole('article')).toHaveTextContent('No credit policy is attached to this outage');
  });
});
