import { ChangePasswordButton } from '../features/auth/components/change-password-button';
import { LanguagePicker } from '../features/auth/components/language-picker';
import { SignOutButton } from '../features/auth/components/sign-out-button';
import { useLiveStore } from '../features/live/stores/live-store';
import { t } from '../i18n/translate';
import { useSessionStore } from '../stores/session-store';
import { canChangeOwnPassword, canChooseLanguage } from './workspace-access';

export function AppHeader() {
  const displayName = useSessionStore((s) => s.session?.displayName ?? null);
  const role = useSessionStore((s) => s.session?.role ?? null);
  const hub = useLiveStore((s) => s.hub);
  const mustChangePassword = useSessionStore((s) => s.session?.mustChangePassword ?? false);
  return (
    <header className="app-header">
      <span className="app-header__product">{t('app.productName')}</span>
      {displayName && role ? (
        <div className="app-header__operator">
          {hub === 'offline' ? (
            <span className="app-header__offline">{t('live.offlineBadge')}</span>
          ) : null}
          <span className="app-header__who">
            {t('app.operatorRole', { name: displayName, role: t(`role.${role}`) })}
          </span>
          {canChooseLanguage(role) ? <LanguagePicker /> : null}
          {/* On a desk enrolled at a hub main changes the password there; before enrolment it answers MANAGED_AT_HUB, and the button still says why. */}
          {canChangeOwnPassword(role) && !mustChangePassword ? <ChangePasswordButton /> : null}
          <SignOutButton />
        </div>
      ) : null}
    </header>
  );
}
