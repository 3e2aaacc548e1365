import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { StatusMessage } from '../../../components/status-message';
import { errorMessage, t } from '../../../i18n/translate';
import { useAccountStore } from '../stores/account-store';
import { AccountHeader } from './account-header';
import { LinesTable } from './lines-table';
import { OutagesSection } from './outages-section';
import './account-view.css';

export interface AccountViewProps {
  onBack: () => void;
  /** Slot for the answer to the caller, right under whose account it is; composed in by the app. */
  answer?: ReactNode;
  /**
   * Slot for the outage decisions and credits of this account; the app composes it in, so
   * this feature does not import that one.
   */
  outages?: ReactNode;
  /** Slot for the manual override requests of this account composed in by the app. */
  overrides?: ReactNode;
}

export function AccountView({ onBack, answer, outages, overrides }: AccountViewProps) {
  const accountNumber = useAccountStore((s) => s.accountNumber);
  const status = useAccountStore((s) => s.status);
  const detail = useAccountStore((s) => s.detail);
  const error = useAccountStore((s) => s.error);
  const reload = useAccountStore((s) => s.reload);
  const titleRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Moving focus to the title announces whose account opened and keeps Tab order natural.
    if (status === 'loaded') titleRef.current?.focus();
  }, [status, accountNumber]);

  let errorText: string | null = null;
  if (status === 'error' && error) {
    errorText =
      error.code === 'NOT_FOUND' ? t('account.notFound', { accountNumber: accountNumber ?? '' }) : errorMessage(error.code);
  }

  return (
    <div className="account">
      <div className="account__toolbar">
        <Button className="account__back" onClick={onBack} aria-keyshortcuts="Escape Alt+ArrowLeft">
          {t('account.back')}
        </Button>
        <span className="account__hint" aria-hidden="true">
          {t('account.backHint')}
        </span>
      </div>
      <StatusMessage className="account__status">
        {status === 'loading' ? t('account.loading', { accountNumber: accountNumber ?? '' }) : ''}
      </StatusMessage>
      {errorText ? (
        <ErrorBanner action={error?.code === 'NOT_FOUND' ? null : <Button onClick={reload}>{t('account.retry')}</Button>}>
          {errorText}
        </ErrorBanner>
      ) : null}
      {status === 'loaded' && detail ? (
        <article className="account__body" aria-labelledby="account-title" data-account-number={detail.account.accountNumber}>
          <AccountHeader account={detail.account} titleRef={titleRef} />
          {answer}
          <LinesTable lines={detail.lines} currency={detail.account.currency} />
          <OutagesSection>{outages}</OutagesSection>
          {overrides}
        </article>
      ) : null}
    </div>
  );
}
