import { SignOutButton } from '../features/auth/components/sign-out-button';
import { t } from '../i18n/translate';
import { useSessionStore } from '../stores/session-store';

export function AppHeader() {
  const displayName = useSessionStore((s) => s.session?.displayName ?? null);
  const role = useSessionStore((s) => s.session?.role ?? null);
  return (
    <header className="app-header">
      <span className="app-header__product">{t('app.productName')}</span>
      {displayName && role ? (
        <div className="app-header__operator">
          <span className="app-header__who">
            {t('app.operatorRole', { name: displayName, role: t(`role.${role}`) })}
          </span>
          <SignOutButton />
        </div>
      ) : null}
    </header>
  );
}
