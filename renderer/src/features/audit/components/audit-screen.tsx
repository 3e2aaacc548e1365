import { useEffect } from 'react';
import type { AuditChainView } from '@shared/ipc/audit-channels';
import { AsyncState } from '../../../components/async-state';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { PageTitle } from '../../../components/page-title';
import { StatusMessage } from '../../../components/status-message';
import { errorMessage, t, tCount } from '../../../i18n/translate';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useAuditStore } from '../stores/audit-store';
import { useIntegrityStore } from '../stores/integrity-store';
import { AuditEventItem } from './audit-event-item';
import { AuditFiltersForm } from './audit-filters';
import { AnchorStrength } from './integrity-banner';
import './audit.css';

function ChainStatus({ chain }: { chain: AuditChainView }) {
  if (chain.ok) {
    return (
      <p className="audit__chain audit__chain--ok" data-testid="audit-chain">
        {tCount('audit.chainOkOne', 'audit.chainOkOther', chain.count)}
      </p>
    );
  }
  return (
    <ErrorBanner>
      <span data-testid="audit-chain">
        {t('audit.chainBroken', { seq: chain.brokenAtSeq, reason: t(`audit.chainReason.${chain.reason}`) })}
      </span>
    </ErrorBanner>
  );
}

/** The audit log as sentences, newest first, with filters, paging to older events and the chain's verification. */
export function AuditScreen() {
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const { status, events, next, operators, error, olderStatus, olderError, chain, chainError, load, loadOlder, verify } = useAuditStore();

  useEffect(() => {
    void load({});
    void verify();
    void useIntegrityStore.getState().load();
    return () => useAuditStore.getState().reset();
  }, [load, verify]);

  return (
    <section className="audit" aria-labelledby="audit-title">
      <PageTitle id="audit-title">{t('audit.title')}</PageTitle>
      <div className="audit__status">
        {chain ? <ChainStatus chain={chain} /> : null}
        <AnchorStrength />
        {chainError ? <ErrorBanner>{errorMessage(chainError.code)}</ErrorBanner> : null}
        <div>
          <Button onClick={() => void verify()}>{t('audit.verify')}</Button>
        </div>
      </div>
      <AuditFiltersForm operators={operators} timeZone={timeZone} onApply={(query) => void load(query)} />
      <AsyncState
        status={status}
        empty={events.length === 0}
        loadingText={t('audit.loading')}
        emptyText={t('audit.empty')}
        error={error ? errorMessage(error.code) : null}
        onRetry={() => void load({})}
      >
        <ol className="audit__events" aria-label={t('audit.events')}>
          {events.map((event) => (
            <AuditEventItem key={event.id} event={event} locale={locale} timeZone={timeZone} />
          ))}
        </ol>
        <div className="audit__paging">
          <p className="audit__count">
            {tCount('audit.shownOne', 'audit.shownOther', events.length)} {next ? null : t('audit.allShown')}
          </p>
          {next ? (
            <Button onClick={() => void loadOlder()} disabled={olderStatus === 'loading'}>
              {t('audit.older')}
            </Button>
          ) : null}
          <StatusMessage>{olderStatus === 'loading' ? t('audit.loadingOlder') : ''}</StatusMessage>
          {olderError ? <ErrorBanner>{errorMessage(olderError.code)}</ErrorBanner> : null}
        </div>
      </AsyncState>
    </section>
  );
}
