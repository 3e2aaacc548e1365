import type { ReactNode } from 'react';
import { t } from '../i18n/translate';
import { Button } from './button';
import { EmptyState } from './empty-state';
import { ErrorBanner } from './error-banner';
import { StatusMessage } from './status-message';

/** Where a screen's list is: not asked yet, asked, answered, or refused. */
export type AsyncStatus = 'idle' | 'loading' | 'loaded' | 'error';

export interface AsyncStateProps {
  status: AsyncStatus;
  /** Nothing to list: shows `emptyText` once loaded, and no children. */
  empty?: boolean;
  /** Announced in a polite live region while loading. */
  loadingText: string;
  emptyText?: string;
  /** The worded reason a load failed; shown as an alert when the status is 'error'. */
  error?: string | null;
  /** Offers "Try again" beside the error when given. */
  onRetry?: () => void;
  /** The list itself; kept while a reload runs or fails, so the operator does not lose their place. */
  children: ReactNode;
}

/** The loading, empty and error states every list screen shares, around the screen's own list. */
export function AsyncState({ status, empty = false, loadingText, emptyText, error, onRetry, children }: AsyncStateProps) {
  return (
    <>
      <StatusMessage>{status === 'loading' ? loadingText : ''}</StatusMessage>
      {status === 'error' && error ? (
        <ErrorBanner action={onRetry ? <Button onClick={onRetry}>{t('async.retry')}</Button> : undefined}>{error}</ErrorBanner>
      ) : null}
      {status === 'loaded' && empty && emptyText ? <EmptyState title={emptyText} /> : null}
      {empty ? null : children}
    </>
  );
}
