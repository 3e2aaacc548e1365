import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AccountDecisions, OutageDecision } from '@shared/ipc/decision-channels';
import { fail, installFakeDesk } from '../../../test/fake-desk';
import { AS_OF, decide, impact, lines, makeItRight } from '../../../test/decision-fixtures';
import { AnswerStrip } from './answer-strip';

function data(...decisions: OutageDecision[]): AccountDecisions {
  return { accountNumber: '287100000001', asOf: AS_OF, lines: [...lines], decisions, credits: [], faultReports: [], claims: [] };
}

const dutchCustomer = { name: 'Jan de Vries', brandName: 'AT&T', preferredLanguage: 'nl' as const };

describe('the text to send the customer', () => {
  it('is one click away, in the customer’s preferred language, with the amount and the bill of the answer, and says it fits one SMS', async () => {
    installFakeDesk();
    const entry = decide(makeItRight, { impacts: [impact(11, 180)] });
    render(<AnswerStrip data={data(entry)} locale="en-US" customer={dutchCustomer} />);
    const summary = screen.getByText('Text to send the customer');
    expect(screen.getByTestId('notice-sms')).not.toBeVisible();
    await userEvent.setup().click(summary);
    const sms = screen.getByTestId('notice-sms');
    expect(sms).toBeVisible();
    expect(sms).toHaveAttribute('lang', 'nl');
    expect(sms).toHaveTextContent(/^AT&T: een tegoed van US\$ 5,00 voor de storing van 22 feb 2024 staat op uw factuur van \d+ \w+ 2024/);
    expect(screen.getByText(/of 160 characters: one SMS/)).toBeInTheDocument();
    expect(screen.getByTestId('notice-email')).toHaveTextContent(/^Beste Jan de Vries,/);
    expect(screen.getByRole('combobox', { name: 'Language of the notice' })).toHaveValue('nl');
  });

  it('switches language on request and copies exactly the text shown, through main', async () => {
    const desk = installFakeDesk({ clipboardWriteText: async () => ({ ok: true, value: {} }) });
    const user = userEvent.setup();
    render(<AnswerStrip data={data(decide(makeItRight, { impacts: [impact(11, 180)] }))} locale="en-US" customer={dutchCustomer} />);
    await user.click(screen.getByText('Text to send the customer'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language of the notice' }), 'en');
    const sms = screen.getByTestId('notice-sms');
    expect(sms).toHaveTextContent(/^AT&T: a \$5\.00 credit for the outage of Feb 22, 2024/);
    await user.click(screen.getByRole('button', { name: 'Copy SMS' }));
    expect(desk.clipboardWriteText).toHaveBeenCalledWith({ text: sms.textContent });
    expect(await screen.findByText('Copied. Paste it into the SMS or email tool.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy email' }));
    const subject = screen.getByTestId('notice-subject').textContent!;
    expect(desk.clipboardWriteText).toHaveBeenLastCalledWith({ text: `${subject}\n\n${screen.getByTestId('notice-email').textContent}` });
  });

  it('says why a copy failed', async () => {
    installFakeDesk({ clipboardWriteText: () => fail('SESSION_LOCKED') });
    const user = userEvent.setup();
    render(<AnswerStrip data={data(decide(makeItRight, { account: { paymentType: 'prepaid' }, impacts: [impact(11, 180)] }))} locale="en-US" customer={dutchCustomer} />);
    await user.click(screen.getByText('Text to send the customer'));
    expect(screen.getByTestId('notice-sms')).toHaveTextContent('komt niet in aanmerking');
    await user.click(screen.getByRole('button', { name: 'Copy SMS' }));
    expect(await screen.findByText(/^Could not copy: Your session locked/)).toBeInTheDocument();
  });

  it('is not offered without the account’s customer', () => {
    render(<AnswerStrip data={data(decide(makeItRight, { impacts: [impact(11, 180)] }))} locale="en-US" />);
    expect(within(screen.getByTestId('answer-row')).queryByText('Text to send the customer')).toBeNull();
  });
});

describe('the sentence to say, in the customer’s language', () => {
  it('is in the customer’s language where a catalog speaks it, and Alt+L or the button switches to the interface’s', async () => {
    const user = userEvent.setup();
    const entry = decide(makeItRight, { impacts: [impact(11, 180)] });
    render(<AnswerStrip data={data(entry)} locale="en-US" customer={dutchCustomer} />);
    const row = screen.getByTestId('answer-row');
    expect(row).toHaveTextContent(/Say \(Dutch\): Ja: u krijgt een vergoeding van US\$ 5,00/);
    expect(within(row).getByTestId('answer-say')).toHaveAttribute('lang', 'nl');
    await user.keyboard('{Alt>}l{/Alt}');
    expect(row).toHaveTextContent(/Say: Yes: a \$5\.00 credit/);
    await user.click(within(row).getByRole('button', { name: 'Say it in Dutch (Alt+L)' }));
    expect(row).toHaveTextContent(/Say \(Dutch\): Ja:/);
    // The rest of the interface stays in English.
    expect(row).toHaveTextContent('Text to send the customer');
  });

  it('stays in the interface language for a customer whose language has no catalog (Spanish) or is the interface’s', () => {
    const entry = decide(makeItRight, { impacts: [impact(11, 180)] });
    const { rerender } = render(<AnswerStrip data={data(entry)} locale="en-US" customer={{ ...dutchCustomer, preferredLanguage: 'es' }} />);
    expect(screen.getByTestId('answer-row')).toHaveTextContent(/Say: Yes: a \$5\.00 credit/);
    expect(screen.queryByRole('button', { name: /Alt\+L/ })).toBeNull();
    rerender(<AnswerStrip data={data(entry)} locale="en-US" customer={{ ...dutchCustomer, preferredLanguage: 'en' }} />);
    expect(screen.queryByRole('button', { name: /Alt\+L/ })).toBeNull();
  });
});
