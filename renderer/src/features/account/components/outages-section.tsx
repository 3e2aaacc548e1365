import type { ReactNode } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { t } from '../../../i18n/translate';

/**
 * The place for outage decisions and credits, filled through `AccountView`'s `outages` slot;
 * when the app passes nothing, it says that nothing is shown here.
 */
export function OutagesSection({ children }: { children?: ReactNode }) {
  return (
    <section className="panel" aria-labelledby="outages-title" data-slot="outages">
      <h2 id="outages-title" className="panel__title">
        {t('account.outagesTitle')}
      </h2>
      {children ?? <EmptyState title={t('account.outagesPending')} />}
    </section>
  );
}
