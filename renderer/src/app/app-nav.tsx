import { useAccountStore } from '../features/account/stores/account-store';
import { t } from '../i18n/translate';
import { WorkspaceLinks } from './workspace-links';
import { useWorkspaceStore } from './workspace-store';

export interface AppNavProps {
  onSearch: () => void;
}

/** Where the operator is (search or an account) and the way back. */
export function AppNav({ onSearch }: AppNavProps) {
  const accountNumber = useAccountStore((s) => s.accountNumber);
  const inLookup = useWorkspaceStore((s) => s.workspace === 'lookup');
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      <ol className="app-nav__trail">
        <li>
          <button
            type="button"
            className="app-nav__link"
            aria-current={accountNumber || !inLookup ? undefined : 'page'}
            aria-keyshortcuts="/ Control+K"
            onClick={onSearch}
          >
            {t('nav.search')}
          </button>
        </li>
        {accountNumber && inLookup ? (
          <li aria-current="page" className="app-nav__current">
            {t('nav.account', { accountNumber })}
          </li>
        ) : null}
      </ol>
      <WorkspaceLinks onLookup={onSearch} />
      <span className="app-nav__hint">{t('nav.shortcutHint')}</span>
    </nav>
  );
}
