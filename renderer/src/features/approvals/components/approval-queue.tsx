import { useEffect, useState, type FormEvent } from 'react';
import { overrideStatuses, type OverrideStatus } from '@shared/domain/override';
import { AsyncState } from '../../../components/async-state';
import { Button } from '../../../components/button';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { errorMessage, t } from '../../../i18n/translate';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useApprovalQueueStore } from '../stores/approval-queue-store';
import { ApprovalItem } from './approval-item';
import './approvals.css';
import { PageTitle } from '../../../components/page-title';

/** The supervisor's queue: oldest first, filtered, each request with its context. */
export function ApprovalQueue() {
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const { filters, status, items, error, setFilter, load } = useApprovalQueueStore();
  const [notice, setNotice] = useState('');

  useEffect(() => {
    void load();
  }, [load]);

  function apply(event: FormEvent) {
    event.preventDefault();
    void load();
  }

  return (
    <section className="override-page" aria-labelledby="approvals-title">
      <PageTitle id="approvals-title">{t('approvals.title')}</PageTitle>
      <form className="approvals__filters" aria-label={t('approvals.filters')} onSubmit={apply}>
        <div className="field">
          <label className="field__label" htmlFor="approvals-status">
            {t('approvals.filter.status')}
          </label>
          <select
            id="approvals-status"
            className="field__input"
            value={filters.status}
            onChange={(e) => setFilter('status', e.target.value as OverrideStatus | '')}
          >
            <option value="">{t('approvals.filter.any')}</option>
            {overrideStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`override.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField label={t('approvals.filter.agent')} value={filters.agent} onChange={(e) => setFilter('agent', e.target.value)} />
        <TextField
          label={t('approvals.filter.outage')}
          inputMode="numeric"
          value={filters.outageId}
          onChange={(e) => setFilter('outageId', e.target.value)}
        />
        <TextField
          label={t('approvals.filter.min')}
          inputMode="decimal"
          value={filters.minAmount}
          onChange={(e) => setFilter('minAmount', e.target.value)}
        />
        <TextField
          label={t('approvals.filter.max')}
          inputMode="decimal"
          value={filters.maxAmount}
          onChange={(e) => setFilter('maxAmount', e.target.value)}
        />
        <Button type="submit">{t('approvals.apply')}</Button>
      </form>
      <StatusMessage>{notice}</StatusMessage>
      <AsyncState
        status={status}
        empty={items.length === 0}
        loadingText={t('approvals.loading')}
        emptyText={t('approvals.empty')}
        error={error ? errorMessage(error.code) : null}
      >
        {items.map((item) => (
          <ApprovalItem key={item.request.id} item={item} locale={locale} timeZone={timeZone} onDecided={setNotice} />
        ))}
      </AsyncState>
    </section>
  );
}
