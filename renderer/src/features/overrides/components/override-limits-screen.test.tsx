import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sameInEveryCurrency, type DeskOverrideSettings } from '@shared/domain/override';
import { DEFAULT_PATTERN_THRESHOLDS } from '@shared/domain/override-patterns';
import { ok } from '@shared/ipc/result';
import { fail, installFakeDesk } from '../../../test/fake-desk';
import { OverrideLimitsScreen } from './override-limits-screen';

const current: DeskOverrideSettings = { perRequestCapMinor: sameInEveryCurrency(5_000), agentDailyTotalMinor: sameInEveryCurrency(20_000), expiryDays: 7, siteTimeZone: 'America/Chicago' };

function setup(overrides: Parameters<typeof installFakeDesk>[0] = {}) {
  const desk = installFakeDesk({
    overridesSettingsGet: async () => ok(current),
    overridesSettingsSet: async (input) => ok(input),
    overridesPatternsGet: async () => ok(DEFAULT_PATTERN_THRESHOLDS),
    ...overrides,
  });
  render(<OverrideLimitsScreen />);
  return { desk, user: userEvent.setup() };
}

describe('OverrideLimitsScreen', () => {
  it('shows the limits main enforces now', async () => {
    setup();
    expect(await screen.findByLabelText('Largest amount per request in USD')).toHaveValue('50.00');
    expect(screen.getByLabelText('Approved total per agent per day in USD')).toHaveValue('200.00');
    expect(screen.getByLabelText('Days before an undecided request expires')).toHaveValue('7');
    expect(screen.getByLabelText('Site time zone')).toHaveValue('America/Chicago');
  });

  it('sends new limits as integer minor units and confirms', async () => {
    const { desk, user } = setup();
    const cap = await screen.findByLabelText('Largest amount per request in USD');
    await user.clear(cap);
    await user.type(cap, '75.5');
    await user.clear(screen.getByLabelText('Days before an undecided request expires'));
    await user.type(screen.getByLabelText('Days before an undecided request expires'), '14');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(desk.overridesSettingsSet).toHaveBeenCalledWith({ perRequestCapMinor: { USD: 7_550, EUR: 5_000 }, agentDailyTotalMinor: sameInEveryCurrency(20_000), expiryDays: 14, siteTimeZone: 'America/Chicago' });
    expect(await screen.findByText(/Limits saved/)).toBeInTheDocument();
    expect(cap).toHaveValue('75.50');
  });

  it('shows field errors and sends nothing for an amount that is not one, or a daily total below the cap', async () => {
    const { desk, user } = setup();
    const cap = await screen.findByLabelText('Largest amount per request in USD');
    await user.clear(cap);
    await user.type(cap, 'ten dollars');
    await user.clear(screen.getByLabelText('Days before an undecided request expires'));
    await user.type(screen.getByLabelText('Days before an undecided request expires'), '0');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(cap).toHaveAccessibleDescription(/Enter an amount above zero/);
    expect(screen.getByLabelText('Days before an undecided request expires')).toHaveAttribute('aria-invalid', 'true');
    await user.clear(cap);
    await user.type(cap, '300');
    await user.clear(screen.getByLabelText('Days before an undecided request expires'));
    await user.type(screen.getByLabelText('Days before an undecided request expires'), '7');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(screen.getByLabelText('Approved total per agent per day in USD')).toHaveAccessibleDescription(/cannot be below/);
    expect(desk.overridesSettingsSet).not.toHaveBeenCalled();
  });

  it('sends a new site time zone, and refuses one that is not a time zone without sending', async () => {
    const { desk, user } = setup();
    const zone = await screen.findByLabelText('Site time zone');
    await user.clear(zone);
    await user.type(zone, 'Central Time');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(zone).toHaveAccessibleDescription(/Enter a time zone name/);
    expect(desk.overridesSettingsSet).not.toHaveBeenCalled();
    await user.clear(zone);
    await user.type(zone, 'Europe/Berlin');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(desk.overridesSettingsSet).toHaveBeenCalledWith({ perRequestCapMinor: sameInEveryCurrency(5_000), agentDailyTotalMinor: sameInEveryCurrency(20_000), expiryDays: 7, siteTimeZone: 'Europe/Berlin' });
  });

  it('says so when main refuses, for example for a role that may not change limits', async () => {
    const { user } = setup({ overridesSettingsSet: () => fail('FORBIDDEN_ROLE') });
    await screen.findByLabelText('Largest amount per request in USD');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your role does not allow this action.');
  });

  it('explains the limits in words for an admin, with no talk of main or of what the screen sends', async () => {
    setup();
    await screen.findByLabelText('Largest amount per request in USD');
    const intro = screen.getByText(/^Every override request and every approval on this site is checked against these limits\./);
    expect(intro.textContent).not.toMatch(/\bmain\b|screen sends/i);
    expect(intro.textContent).toMatch(/Operators screen/);
  });

  it('shows and sends each currency’s own limits, a EUR figure never taken from the USD one', async () => {
    const { desk, user } = setup({
      overridesSettingsGet: async () =>
        ok({ ...current, perRequestCapMinor: { USD: 5_000, EUR: 4_000 }, agentDailyTotalMinor: { USD: 20_000, EUR: 15_000 } }),
    });
    const eurCap = await screen.findByLabelText('Largest amount per request in EUR');
    expect(eurCap).toHaveValue('40.00');
    expect(screen.getByLabelText('Largest amount per request in USD')).toHaveValue('50.00');
    expect(screen.getByLabelText('Approved total per agent per day in EUR')).toHaveValue('150.00');
    expect(screen.getByRole('group', { name: 'Limits in EUR' })).toContainElement(eurCap);
    expect(eurCap).toHaveAccessibleDescription('For requests on EUR accounts, an amount such as €50.00.');
    await user.clear(eurCap);
    await user.type(eurCap, '45');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(desk.overridesSettingsSet).toHaveBeenCalledWith({
      perRequestCapMinor: { USD: 5_000, EUR: 4_500 },
      agentDailyTotalMinor: { USD: 20_000, EUR: 15_000 },
      expiryDays: 7,
      siteTimeZone: 'America/Chicago',
    });
  });

  it('refuses a daily total below the cap in that currency only, and sends nothing', async () => {
    const { desk, user } = setup();
    const eurDaily = await screen.findByLabelText('Approved total per agent per day in EUR');
    await user.clear(eurDaily);
    await user.type(eurDaily, '20');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(eurDaily).toHaveAccessibleDescription(/The daily total in EUR cannot be below the largest amount per request in EUR\./);
    expect(screen.getByLabelText('Approved total per agent per day in USD')).not.toHaveAttribute('aria-invalid');
    expect(desk.overridesSettingsSet).not.toHaveBeenCalled();
  });

  it('sizes each input to what it holds instead of the form’s width', async () => {
    setup();
    const cap = await screen.findByLabelText('Largest amount per request in USD');
    expect(cap.closest('.field')).toHaveClass('field--fit', 'field--amount');
    expect(screen.getByLabelText('Days before an undecided request expires').closest('.field')).toHaveClass('field--fit', 'field--days');
    expect(screen.getByLabelText('Site time zone').closest('.field')).toHaveClass('field--fit', 'field--zone');
  });
});

describe('the flag rules on the limits screen', () => {
  function setupFlags(overrides: Parameters<typeof installFakeDesk>[0] = {}) {
    return setup({ overridesPatternsGet: async () => ok(DEFAULT_PATTERN_THRESHOLDS), overridesPatternsSet: async (input) => ok(input), ...overrides });
  }

  it('shows the thresholds the queue uses, grouped, and saves a change as numbers', async () => {
    const { desk, user } = setupFlags();
    const factor = await screen.findByLabelText('Times the agent’s usual rate');
    expect(factor).toHaveValue('3');
    expect(screen.getByRole('group', { name: 'An agent far above their usual rate' })).toContainElement(factor);
    expect(screen.getByLabelText('Requests for one account')).toHaveValue('3');
    await user.clear(factor);
    await user.type(factor, '2.5');
    const window = screen.getByLabelText('Look back, in days');
    await user.clear(window);
    await user.type(window, '60');
    await user.click(screen.getByRole('button', { name: 'Save flag rules' }));
    expect(desk.overridesPatternsSet).toHaveBeenCalledWith({ ...DEFAULT_PATTERN_THRESHOLDS, rateFactor: 2.5, repeatWindowDays: 60 });
    expect(await screen.findByText(/Flag rules saved/)).toBeInTheDocument();
    expect(factor).toHaveValue('2.5');
  });

  it('refuses values outside the shared bounds, naming them, and sends nothing', async () => {
    const { desk, user } = setupFlags();
    const minimum = await screen.findByLabelText('Fewest recent requests to flag');
    await user.clear(minimum);
    await user.type(minimum, '1');
    const factor = screen.getByLabelText('Times the agent’s usual rate');
    await user.clear(factor);
    await user.type(factor, 'lots');
    await user.click(screen.getByRole('button', { name: 'Save flag rules' }));
    expect(minimum).toHaveAccessibleDescription(/Enter a whole number from 2 to 1,000/);
    expect(factor).toHaveAttribute('aria-invalid', 'true');
    expect(desk.overridesPatternsSet).not.toHaveBeenCalled();
  });

  it('says why when main refuses the change, and keeps what the admin typed', async () => {
    const { user } = setupFlags({ overridesPatternsSet: () => fail('INTEGRITY_ALARM') });
    const account = await screen.findByLabelText('Requests for one account');
    await user.clear(account);
    await user.type(account, '4');
    await user.click(screen.getByRole('button', { name: 'Save flag rules' }));
    const form = screen.getByRole('region', { name: 'Flags for supervisors' });
    expect(await within(form).findByRole('alert')).toBeInTheDocument();
    expect(account).toHaveValue('4');
  });
});
