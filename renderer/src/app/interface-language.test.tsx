import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountDecisions } from '@shared/ipc/decision-channels';
import { ok } from '@shared/ipc/result';
import { useAccountStore } from '../features/account/stores/account-store';
import { useDecisionsStore } from '../features/decisions/stores/decisions-store';
import { useOverridePanelStore } from '../features/overrides/stores/override-panel-store';
import { useSessionStore } from '../stores/session-store';
import { decide, impact, lines, makeItRight, AS_OF } from '../test/decision-fixtures';
import { fail } from '../test/fake-desk';
import { accountDetailFixture, sessionFixture } from '../test/fixtures';
import { renderApp, renderSignedIn } from '../test/render-app';
import { sameInEveryCurrency } from '@shared/domain/override';

const ACCOUNT = '287100000001';

function decisions(): AccountDecisions {
  return { accountNumber: ACCOUNT, asOf: AS_OF, lines: [...lines], decisions: [decide(makeItRight, { impacts: [impact(11, 180)] })], credits: [], faultReports: [], claims: [] };
}

const accountCalls = {
  accountsGet: async () => ok(accountDetailFixture({ accountNumber: ACCOUNT, holderName: 'Maria Müller' })),
  decisionsForAccount: async () => ok(decisions()),
  overridesOptions: async () => ok([]),
  overridesSettingsGet: async () => ok({ perRequestCapMinor: sameInEveryCurrency(5000), agentDailyTotalMinor: sameInEveryCurrency(20000), expiryDays: 7, siteTimeZone: 'UTC' }),
};

afterEach(() => {
  useDecisionsStore.getState().reset();
  useOverridePanelStore.getState().reset();
});

describe('the operator’s interface language', () => {
  it('switches the whole open account to Dutch from the header, with Dutch money and dates, and back', async () => {
    const { desk, user } = await renderSignedIn(accountCalls);
    act(() => useAccountStore.getState().open(ACCOUNT));
    const strip = await screen.findByRole('region', { name: 'The answer for this caller' });
    expect(strip).toHaveTextContent(/Say: Yes: a \$5\.00 credit on your Oct \d+, 2024 bill/);
    const banner = screen.getByText('Outage Credit Desk').closest('header')!;
    const picker = within(banner).getByRole('group', { name: 'Language' });
    expect(within(picker).getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(within(picker).getByRole('button', { name: 'Nederlands' }));

    expect(desk.operatorSetLocale).toHaveBeenCalledWith({ locale: 'nl-NL' });
    const dutchStrip = await screen.findByRole('region', { name: 'Het antwoord voor deze beller' });
    // The customer speaks English, so the sentence to say stays hers; Alt+L gives it in Dutch.
    expect(dutchStrip).toHaveTextContent(/Zeg \(Engels\): Yes: a \$5\.00 credit/);
    await user.keyboard('{Alt>}l{/Alt}');
    // Money and dates in Dutch: "US$ 5,00", "14 okt 2024".
    expect(dutchStrip).toHaveTextContent(/Zeg: Ja: u krijgt een vergoeding van US\$\s5,00 op uw factuur van \d+ okt 2024, uiterlijk op die van \d+ nov 2024\. U hoeft daar niets voor te doen\./);
    expect(within(dutchStrip).getByText('Wel recht')).toBeInTheDocument();
    expect(within(banner).getByText('Aangemeld als Ana Diaz, Medewerker')).toBeInTheDocument();
    expect(within(banner).getByRole('button', { name: 'Afmelden' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Terug naar de resultaten' })).toBeInTheDocument();
    expect(within(banner).getByRole('group', { name: 'Taal' })).toBeInTheDocument();
    expect(within(banner).getByRole('button', { name: 'Nederlands' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.lang).toBe('nl-NL');
    expect(screen.queryByText('Sign out')).not.toBeInTheDocument();
    expect(useSessionStore.getState().session?.locale).toBe('nl-NL');

    await user.click(within(banner).getByRole('button', { name: 'English' }));
    expect(desk.operatorSetLocale).toHaveBeenLastCalledWith({ locale: 'en-US' });
    expect(await screen.findByRole('region', { name: 'The answer for this caller' })).toHaveTextContent(/\$5\.00 credit/);
    expect(document.documentElement.lang).toBe('en-US');
  });

  it('does not call main when the operator picks the language already in use', async () => {
    const { desk, user } = await renderSignedIn();
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(desk.operatorSetLocale).not.toHaveBeenCalled();
  });

  it('stays in the current language and says why when main refuses the change', async () => {
    const { user } = await renderSignedIn({ operatorSetLocale: () => fail('INTERNAL') });
    await user.click(screen.getByRole('button', { name: 'Nederlands' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^The language could not be changed: Something went wrong/);
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('combobox', { name: 'Find the caller' })).toBeInTheDocument();
  });

  it('opens in Dutch for an operator whose kept language is Dutch, from the first screen after sign-in', async () => {
    const { user } = renderApp({ authSignIn: async () => ok(sessionFixture({ locale: 'nl-NL' })) });
    await user.type(await screen.findByLabelText('Username'), 'adiaz');
    await user.type(screen.getByLabelText('Password'), 'secret{Enter}');
    expect(await screen.findByRole('combobox', { name: 'Beller zoeken' })).toBeInTheDocument();
    expect(screen.getByText('Aangemeld als Ana Diaz, Medewerker')).toBeInTheDocument();
  });

  it('shows the sign-in screen in the desktop’s language before anyone signs in', async () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('nl-BE');
    useSessionStore.getState().reset();
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Aanmelden' })).toBeInTheDocument();
    expect(screen.getByLabelText('Gebruikersnaam')).toBeInTheDocument();
    expect(screen.getByLabelText('Wachtwoord')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Taal' })).not.toBeInTheDocument();
  });

  it('shows the sign-in screen in English on an English or other desktop', async () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('de-DE');
    useSessionStore.getState().reset();
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });
});
