import type { ReactNode } from 'react';
import type { IpcError } from '@shared/ipc/result';
import type { AsyncStatus } from '../../../components/async-state';
import { ErrorBanner } from '../../../components/error-banner';
import { errorMessage, t } from '../../../i18n/translate';

export interface WidgetProps {
  id: string;
  title: string;
  status: AsyncStatus;
  error: IpcError | null;
  /** Loaded, and nothing to show. */
  empty: boolean;
  emptyText: string;
  children: ReactNode;
}

/** One card of the dashboard, with the loading, error and empty states every widget shares. */
export function Widget({ id, title, status, error, empty, emptyText, children }: WidgetProps) {
  const loading = status === 'idle' || (status === 'loading' && empty);
  return (
    <section className="dash-widget" aria-labelledby={id} aria-busy={status === 'loading'}>
      <h2 id={id} className="dash-widget__title">
        {title}
      </h2>
      {status === 'error' && error ? <ErrorBanner>{errorMessage(error.code)}</ErrorBanner> : null}
      {loading ? <p className="dash-widget__muted" role="status">{t('dashboard.loading')}</p> : null}
      {!loading && status !== 'error' && empty ? <p className="dash-widget__muted">{emptyText}</p> : null}
      {!loading && !empty && status !== 'error' ? children : null}
    </section>
  );
}
