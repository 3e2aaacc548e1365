import { useEffect, useMemo } from 'react';
import type { ScreenPopLookup } from '@shared/screen-pop/screen-pop-link';
import { Button } from '../components/button';
import { ErrorBanner } from '../components/error-banner';
import { StatusMessage } from '../components/status-message';
import { useScreenPopStore } from '../features/screen-pop/stores/screen-pop-store';
import { useLiveStore } from '../features/live/stores/live-store';
import { refreshOpenViews } from './live-refresh';
import { SignInScreen } from '../features/auth/components/sign-in-screen';
import { ChoosePasswordScreen } from '../features/auth/components/choose-password-screen';
import { useIdleLockWatch } from '../features/auth/hooks/use-idle-lock-watch';
import { restoreSession } from '../features/auth/stores/session-actions';
import { AccountView } from '../features/account/components/account-view';
import { AccountAnswer } from './account-answer';
import { useAccountStore } from '../features/account/stores/account-store';
import { OverridePanel } from '../features/overrides/components/override-panel';
import { useOverridePanelStore } from '../features/overrides/stores/override-panel-store';
import { useApprovalQueueStore } from '../features/approvals/stores/approval-queue-store';
import { useDecisionsStore } from '../features/decisions/stores/decisions-store';
import { usePolicyRunStore } from '../features/policy-run/stores/policy-run-store';
import { RecoveryScreen } from '../features/recovery/components/recovery-screen';
import { useRecoveryStore } from '../features/recovery/stores/recovery-store';
import { SearchView } from '../features/search/components/search-view';
import { useSearchStore } from '../features/search/stores/search-store';
import { t } from '../i18n/translate';
import { applyInterfaceLanguage } from '../i18n/interface-language';
import { useDisplayLocale, useSessionStore } from '../stores/session-store';
import { AppHeader } from './app-header';
import { SnapshotProgress } from '../features/hub/components/snapshot-progress';
import { AccountOutcomes } from './account-outcomes';
import { AppNav } from './app-nav';
import { useGlobalShortcuts, type GlobalShortcutActions } from './use-global-shortcuts';
import { WorkspaceContent } from './workspace-content';
import { canAcknowledgeIntegrity, canFileOverrides, homeWorkspace } from './workspace-access';
import { useDashboardStore } from '../features/dashboard/stores/dashboard-store';
import { IntegrityBanner } from '../features/audit/components/integrity-banner';
import { useIntegrityStore } from '../features/audit/stores/integrity-store';
import { useWorkspaceStore } from './workspace-store';
import { formatPhoneNumber } from '../lib/phone';
import './app.css';

function showSearch(): void {
  useWorkspaceStore.getState().show('lookup');
  useAccountStore.getState().close();
  useSearchStore.getState().requestFocus();
}

function openAccount(accountNumber: string): void {
  useAccountStore.getState().open(accountNumber);
}

/** A link from the phone system: open that account, or find that phone number and open its one match. */
function lookUp(lookup: ScreenPopLookup): void {
  useOverridePanelStore.getState().setCallId(lookup.callId);
  useWorkspaceStore.getState().show('lookup');
  if (lookup.by === 'account') {
    openAccount(lookup.accountNumber);
    return;
  }
  useAccountStore.getState().close();
  const search = useSearchStore.getState();
  // The box shows the number as every screen writes one (the link carries E.164); it searches the same.
  search.setQuery(formatPhoneNumber(lookup.phone));
  search.searchAndOpen();
}

/** Routes by state: sign-in, then search, then an account; composes the features. */
export function App() {
  const status = useSessionStore((s) => s.status);
  const accountOpen = useAccountStore((s) => s.accountNumber !== null);
  const signedIn = status === 'signed-in';
  const workspace = useWorkspaceStore((s) => s.workspace);
  const openAccountNumber = useAccountStore((s) => s.accountNumber);
  const role = useSessionStore((s) => s.session?.role ?? null);
  const mustChangePassword = useSessionStore((s) => s.session?.mustChangePassword ?? false);

  const recoveryMode = useRecoveryStore((s) => s.mode === 'recovery');

  // The operator's language once signed in, this desktop's before. Switched before anything
  // below renders, and this component re-renders the whole tree when it changes.
  const language = applyInterfaceLanguage(useDisplayLocale());
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    void useRecoveryStore.getState().load();
    void restoreSession();
  }, []);

  useEffect(() => {
    // The next person at this desk must not see the last caller's data.
    if (!signedIn) {
      useSearchStore.getState().reset();
      useAccountStore.getState().reset();
      useWorkspaceStore.getState().reset();
      useOverridePanelStore.getState().reset();
      useApprovalQueueStore.getState().reset();
      useDecisionsStore.getState().reset();
      usePolicyRunStore.getState().reset();
      useLiveStore.getState().reset();
      useIntegrityStore.getState().reset();
      useDashboardStore.getState().reset();
    } else if (!mustChangePassword) {
      // Raised by main at start when the audit log and its anchor disagree: every role sees it.
      void useIntegrityStore.getState().load();
    }
  }, [signedIn, mustChangePassword]);

  useIdleLockWatch();

  // Until a temporary password is replaced, nothing but the password form runs.
  const working = signedIn && !mustChangePassword;
  // Each role's home after signing in: the dashboard for supervisors and admins, the search for agents.
  useEffect(() => {
    if (working && role) useWorkspaceStore.getState().show(homeWorkspace(role));
  }, [working, role]);
  useEffect(() => {
    if (!working) return undefined;
    return useScreenPopStore.getState().listen(lookUp);
  }, [working]);
  const screenPopRefused = useScreenPopStore((s) => s.refused);
  const offline = useLiveStore((s) => s.hub === 'offline');
  // A desktop with a hub: a new one loads the site's carrier data from it first (SnapshotProgress).
  const hubMode = useLiveStore((s) => s.hub === 'online' || s.hub === 'offline');

  useEffect(() => {
    if (!working) return undefined;
    return useLiveStore.getState().listen(refreshOpenViews);
  }, [working]);

  const shortcuts = useMemo<GlobalShortcutActions | null>(
    () => (signedIn ? { focusSearch: showSearch, back: accountOpen ? showSearch : null } : null),
    [signedIn, accountOpen],
  );
  useGlobalShortcuts(shortcuts);

  // A damaged database: main serves nothing else, so neither does the UI.
  if (recoveryMode) {
    return (
      <div className="app">
        <AppHeader />
        <RecoveryScreen />
      </div>
    );
  }

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

  // A temporary password: main refuses everything else until the operator chooses their own.
  if (mustChangePassword) {
    return (
      <div className="app">
        <AppHeader />
        <ChoosePasswordScreen />
      </div>
    );
  }

  return (
    <div className="app">
      <AppHeader />
      <AppNav onSearch={showSearch} />
      <main id="main" className="app__main">
        <IntegrityBanner canAcknowledge={Boolean(role && canAcknowledgeIntegrity(role))} />
        {hubMode ? <SnapshotProgress /> : null}
        {offline ? (
          <p className="app__offline" role="status">
            {t('live.offline')}
          </p>
        ) : null}
        {screenPopRefused ? (
          <ErrorBanner tone="warning" action={<Button onClick={() => useScreenPopStore.getState().dismiss()}>{t('screenPop.dismiss')}</Button>}>
            {t('screenPop.refused', { reason: t(`screenPop.reason.${screenPopRefused}`) })}
          </ErrorBanner>
        ) : null}
        {workspace !== 'lookup' ? (
          <WorkspaceContent workspace={workspace} />
        ) : accountOpen ? (
          <AccountView
            onBack={showSearch}
            answer={openAccountNumber ? <AccountAnswer canFileOverrides={Boolean(role && canFileOverrides(role))} /> : null}
            outages={openAccountNumber ? <AccountOutcomes accountNumber={openAccountNumber} /> : null}
            overrides={role && canFileOverrides(role) && openAccountNumber ? <OverridePanel accountNumber={openAccountNumber} /> : null}
          />
        ) : (
          <SearchView onOpenAccount={openAccount} />
        )}
      </main>
    </div>
  );
}
