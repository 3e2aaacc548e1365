import { useEffect, useMemo } from 'react';
import { StatusMessage } from '../components/status-message';
import { restoreSession } from '../features/auth/api/restore-session';
import { SignInScreen } from '../features/auth/components/sign-in-screen';
import { useIdleLockWatch } from '../features/auth/hooks/use-idle-lock-watch';
import { AccountView } from '../features/account/components/account-view';
import { useAccountStore } from '../features/account/stores/account-store';
import { SearchView } from '../features/search/components/search-view';
import { useSearchStore } from '../features/search/stores/search-store';
import { t } from '../i18n/translate';
import { useSessionStore } from '../stores/session-store';
import { AppHeader } from './app-header';
import { AppNav } from './app-nav';
import { useGlobalShortcuts, type GlobalShortcutActions } from './use-global-shortcuts';
import './app.css';

function showSearch(): void {
  useAccountStore.getState().close();
  useSearchStore.getState().requestFocus();
}

function openAccount(accountNumber: string): void {
  useAccountStore.getState().open(accountNumber);
}

/** Routes by state: sign-in, then search, then an account; composes the features. */
export function App() {
  const status = useSessionStore((s) => s.status);
  const accountOpen = useAccountStore((s) => s.accountNumber !== null);
  const signedIn = status === 'signed-in';

  useEffect(() => {
    void restoreSession();
  }, []);

  useEffect(() => {
    // The next person at this desk must not see the last caller's data.
    if (!signedIn) {
      useSearchStore.getState().reset();
      useAccountStore.getState().reset();
    }
  }, [signedIn]);

  useIdleLockWatch();

  const shortcuts = useMemo<GlobalShortcutActions | null>(
    () => (signedIn ? { focusSearch: showSearch, back: accountOpen ? showSearch : null } : null),
    [signedIn, accountOpen],
  );
  useGlobalShortcuts(shortcuts);

  if (status === 'checking') {
    return (
      <div className="app">
        <AppHeader />
        <main id="main" className="app__main">
          <StatusMessage>{t('app.loading')}</StatusMessage>
        </main>
      </div>
    );
  }

  if (!signedIn) {
    return (
      <div className="app">
        <AppHeader />
        <SignInScreen />
      </div>
    );
  }

  return (
    <div className="app">
      <AppHeader />
      <AppNav onSearch={showSearch} />
      <main id="main" className="app__main">
        {accountOpen ? <AccountView onBack={showSearch} /> : <SearchView onOpenAccount={openAccount} />}
      </main>
    </div>
  );
}
