import { useEffect, useState, type FormEvent } from 'react';
import type { AuditChainView } from '@shared/ipc/audit-channels';
import { AsyncTable } from '../../../components/async-table';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { TextField } from '../../../components/text-field';
import { errorMessage, t, tCount } from '../../../i18n/translate';
import { formatDateTime } from '../../../lib/format';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { noAuditFilters, useAuditStore } from '../stores/audit-store';
import { useIntegrityStore } from '../stores/integrity-store';
import { AnchorStrength } from './integrity-banner';
import './audit.css';
import { PageTitle } from '../../../components/page-title';

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

/** The audit log, newest first, with filters and the chain's verification. */
export function AuditScreen() {
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const [filters, setFilters] = useState(noAuditFilters);
  const { status, events, error, chain, chainError, load, verify } = useAuditStore();

  useEffect(() => {
    void load(noAuditFilters);
    void verify();
    void useIntegrityStore.getState().load();
    return () => useAuditStore.getState().reset();
  }, [load, verify]);

  function apply(event: FormEvent) {
    event.preventDefault();
    void load(filters);
  }

  return (
    <section className="audit" aria-labelledby="audit-title">
      <PageTitle id="audit-title">{t('audit.title')}</PageTitle>
      {chain ? <ChainStatus chain={chain} /> : null}
      <AnchorStrength />
      {chainError ? <ErrorBanner>{errorMessage(chainError.code)}</ErrorBanner> : null}
      <div>
        <Button onClick={() => void verify()}>{t('audit.verify')}</Button>
      </div>
      <form className="audit__filters" onSubmit={apply}>
        <TextField label={t('audit.filter.action')} value={filters.action} onChange={(e) => setFilters({ ...filters, action: e.target.value })} />
        <TextField
          label={t('audit.filter.operator')}
          value={filters.operator}
          onChange={(e) => setFilters({ ...filters, operator: e.target.value })}
        />
        <TextField label={t('audit.filter.target')} value={filters.target} onChange={(e) => setFilters({ ...filters, target: e.target.value })} />
        <Button type="submit">{t('audit.apply')}</Button>
      </form>
      <AsyncTable
        label={t('audit.title')}
        className="audit__table"
        status={status}
        rows={events}
        loadingText={t('audit.loading')}
        emptyText={t('audit.empty')}
        error={error ? errorMessage(error.code) : null}
        head={
          <>
            <th scope="col">{t('audit.col.seq')}</th>
            <th scope="col">{t('audit.col.at')}</th>
            <th scope="col">{t('audit.col.operator')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.target')}</th>
            <th scope="col">{t('audit.col.change')}</th>
          </>
        }
        renderRow={(event) => (
          <tr key={event.id}>
            <td>{event.seq}</td>
            <td>{formatDateTime(event.at, locale, timeZone)}</td>
            <td>{event.operator ?? t('audit.system')}</td>
            <td>{event.action}</td>
            <td className="audit__mono">{event.target}</td>
            <td className="audit__mono audit__change">
              {event.before ? <div>{event.before}</div> : null}
              {event.after ? <div>→ {event.after}</div> : null}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
