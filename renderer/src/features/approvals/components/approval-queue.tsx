import { useEffect, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { overrideStatuses, type OverrideStatus } from '@shared/domain/override';
import { AsyncState } from '../../../components/async-state';
import { Button } from '../../../components/button';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { errorMessage, t } from '../../../i18n/translate';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useApprovalQueueStore } from '../stores/approval-queue-store';
import { orderQueue, queueOutages, type QueueSort } from '../lib/queue-order';
import { ApprovalItem, type Decision } from './approval-item';
import './approvals.css';
import { PageTitle } from '../../../components/page-title';

/** Typing in a field is typing, not a command. */
function inField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.closest('input, textarea, select, [contenteditable="true"]') !== null);
}

export interface ApprovalQueueProps {
  /** Opens the request's account in the lookup (composed by the app). */
  onOpenAccount?: (accountNumber: string) => void;
}

/**
 * The supervisor's queue: oldest first (or soonest to expire), filtered, each request with
 * its context, decided with the mouse or the keyboard (J/K or arrows to move, A or R to
 * approve or reject with a note, Enter to confirm, Escape to cancel).
 */
export function ApprovalQueue({ onOpenAccount }: ApprovalQueueProps = {}) {
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const { filters, status, items, error, setFilter, load } = useApprovalQueueStore();
  const [notice, setNotice] = useState('');
  const [selected, setSelected] = useState(-1);
  const [armed, setArmed] = useState<Decision | null>(null);
  const outages = useMemo(() => queueOutages(items), [items]);
  const outageId = filters.outageId === '' ? null : Number(filters.outageId);
  const shown = useMemo(() => orderQueue(items, outageId, filters.sort), [items, outageId, filters.sort]);
  const clearQueue = filters.status === 'pending' && !filters.agent.trim() && !filters.minAmount.trim() && !filters.maxAmount.trim() && outageId === null;

  // Keep the selection on the list as it changes under it (a decision, a refresh).
  useEffect(() => {
    if (selected >= shown.length) setSelected(shown.length - 1);
  }, [selected, shown.length]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey || inField(event.target)) return;
    const key = event.key.toLowerCase();
    if (shown.length === 0) return;
    if (key === 'j' || key === 'arrowdown') {
      setSelected((i) => Math.min(shown.length - 1, i + 1));
      setArmed(null);
    } else if (key === 'k' || key === 'arrowup') {
      setSelected((i) => Math.max(0, i - 1));
      setArmed(null);
    } else if ((key === 'a' || key === 'r') && selected >= 0 && shown[selected]?.request.status === 'pending') {
      setArmed(key === 'a' ? 'approve' : 'reject');
    } else return;
    event.preventDefault();
  }

  useEffect(() => {
    void load();
  }, [load]);

  function apply(event: FormEvent) {
    event.preventDefault();
    void load();
  }

  return (
    // The queue's own keys; typing in its fields is left alone.
    <section className="override-page" aria-labelledby="approvals-title" onKeyDown={onKeyDown}>
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
        <div className="field">
          <label className="field__label" htmlFor="approvals-outage">
            {t('approvals.filter.outage')}
          </label>
          <select id="approvals-outage" className="field__input" value={filters.outageId} onChange={(e) => setFilter('outageId', e.target.value)}>
            <option value="">{t('approvals.filter.anyOutage')}</option>
            {outages.map((o) => (
              <option key={o.id} value={String(o.id)}>
                {o.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="approvals-sort">
            {t('approvals.sort')}
          </label>
          <select id="approvals-sort" className="field__input" value={filters.sort} onChange={(e) => setFilter('sort', e.target.value as QueueSort)}>
            <option value="age">{t('approvals.sort.age')}</option>
            <option value="expiry">{t('approvals.sort.expiry')}</option>
          </select>
        </div>
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
      <p className="approvals__keys">{t('approvals.keysHint')}</p>
      <StatusMessage>{notice}</StatusMessage>
      <AsyncState
        status={status}
        empty={shown.length === 0}
        loadingText={t('approvals.loading')}
        emptyText={clearQueue ? t('approvals.queueClear') : t('approvals.empty')}
        error={error ? errorMessage(error.code) : null}
      >
        {shown.map((item, index) => (
          <ApprovalItem
            key={item.request.id}
            item={item}
            locale={locale}
            timeZone={timeZone}
            onDecided={(message) => {
              setNotice(message);
              setArmed(null);
            }}
            selected={index === selected}
            armed={index === selected ? armed : null}
            onDisarm={() => setArmed(null)}
            onSelect={() => setSelected(index)}
            {...(onOpenAccount ? { onOpenAccount } : {})}
          />
        ))}
      </AsyncState>
    </section>
  );
}
