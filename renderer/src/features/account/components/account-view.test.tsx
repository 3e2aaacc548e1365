import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '@shared/ipc/result';
import { useSessionStore } from '../../../stores/session-store';
import { fail, installFakeDesk, type FakeDeskOverrides } from '../../../test/fake-desk';
import { accountDetailFixture, lineFixture, sessionFixture } from '../../../test/fixtures';
import { useAccountStore } from '../stores/account-store';
import { AccountView } from './account-view';

function openAccount(overrides: FakeDeskOverrides, locale = 'en-US', outages?: React.ReactNode) {
  installFakeDesk(overrides);
  useSessionStore.getState().signedIn(sessionFixture({ locale }));
  const onBack = vi.fn();
  render(<AccountView onBack={onBack} outages={outages} />);
  useAccountStore.getState().open('100000001');
  return { onBack };
}

function cellsOf(row: HTMLElement): string[] {
  // Intl puts no-break spaces in some locales ("€\u00a03,10"); compare the words.
  return Array.from(row.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').replace(/\s+/g, ' '));
}

describe('account view', () => {
  it('shows the account facts and each line with its formatted number and monthly rate', async () => {
    openAccount({
      accountsGet: async () =>
        ok(
          accountDetailFixture(
            {
              holderName: 'Jordan Ellis',
              status: 'suspended',
              billCycleDay: 14,
              monthlyChargeMinor: 13_050,
              email: 'jordan.ellis@example.com',
              contactPhoneE164: '+12145550100',
              region: 'TX',
              postalCode: '75201',
              preferredLanguage: 'es',
            },
            [
              lineFixture({ id: 1, numberE164: '+12145550101', serviceType: 'wireless_voice', monthlyRateMinor: 6500 }),
              lineFixture({
                id: 2,
                numberE164: '+12145550102',
                serviceType: 'wireless_data',
                monthlyRateMinor: 1999,
                status: 'suspended',
              }),
            ],
          ),
        ),
    });

    const title = await screen.findByRole('heading', { level: 1, name: 'Jordan Ellis' });
    const facts = title.closest('header')!;
    expect(within(facts).getByText('Account 100000001')).toBeInTheDocument();
    expect(within(facts).getByText('Suspended')).toHaveClass('badge--warning');
    expect(within(facts).getByText('$130.50')).toBeInTheDocument();
    expect(within(facts).getByText('Day 14 of each month')).toBeInTheDocument();
    expect(within(facts).getByText('jordan.ellis@example.com')).toBeInTheDocument();
    expect(within(facts).getByText('(214) 555-0100')).toBeInTheDocument();
    expect(within(facts).getByText('TX, 75201')).toBeInTheDocument();
    expect(within(facts).getByText('Spanish')).toBeInTheDocument();

    const table = screen.getByRole('table', { name: /Lines/ });
    const [, first, second] = within(table).getAllByRole('row') as [HTMLElement, HTMLElement, HTMLElement];
    expect(cellsOf(first)).toEqual(['(214) 555-0101', 'Wireless voice', '$65.00', 'Active']);
    expect(cellsOf(second)).toEqual(['(214) 555-0102', 'Wireless data', '$19.99', 'Suspended']);
  });

  it('formats euro amounts for a Dutch operator', async () => {
    openAccount(
      {
        accountsGet: async () =>
          ok(
            accountDetailFixture({ currency: 'EUR', monthlyChargeMinor: 4650, country: 'NL' }, [
              lineFixture({ numberE164: '+31612345678', monthlyRateMinor: 310 }),
            ]),
          ),
      },
      'nl-NL',
    );
    expect(await screen.findByText('€ 46,50')).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(cellsOf(within(table).getAllByRole('row')[1]!)).toEqual(['+31 6 1234 5678', 'Wireless voice', '€ 3,10', 'Active']);
  });

  it('keeps a marked place for outage decisions and credits, which the app can fill', async () => {
    openAccount({}, 'en-US', <p>Outage decisions go here</p>);
    const section = await screen.findByRole('region', { name: 'Outages and credits' });
    expect(within(section).getByText('Outage decisions go here')).toBeInTheDocument();
  });

  it('shows the placeholder in that place when nothing fills it yet', async () => {
    openAccount({});
    const section = await screen.findByRole('region', { name: 'Outages and credits' });
    expect(section).toHaveTextContent('Outage decisions and credits for this account will be shown here.');
  });

  it('says when the account does not exist', async () => {
    openAccount({ accountsGet: () => fail('NOT_FOUND') });
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no account with number 100000001.');
  });

  it('offers a retry when loading fails, and the back button goes back', async () => {
    let attempts = 0;
    const { onBack } = openAccount({
      accountsGet: async ({ accountNumber }) => (++attempts === 1 ? fail('INTERNAL') : ok(accountDetailFixture({ accountNumber }))),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Back to results/ }));
    expect(onBack).toHaveBeenCalledTimes(1);
  });
});
