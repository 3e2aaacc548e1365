import { useEffect } from 'react';
import { AsyncState } from '../../../components/async-state';
import { Button } from '../../../components/button';
import { StatusMessage } from '../../../components/status-message';
import { errorMessage, t } from '../../../i18n/translate';
import { formatDate, formatMoney } from '../../../lib/format';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useOverridePanelStore } from '../stores/override-panel-store';
import { OverrideForm } from './override-form';
import './overrides.css';

export interface OverridePanelProps {
  accountNumber: string;
}

/** Per outage that touched the account: what is credited, and "Request override". */
export function OverridePanel({ accountNumber }: OverridePanelProps) {
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const { status, options, error, formOutageId, lastSubmittedId, perRequestCapMinor, load, openForm, closeForm, submitted } =
    useOverridePanelStore();

  useEffect(() => {
    void load(accountNumber);
  }, [accountNumber, load]);

  return (
    <section className="panel overrides" aria-labelledby="overrides-title">
      <h2 id="overrides-title" className="panel__title">
        {t('override.panelTitle')}
      </h2>
      <p className="overrides__intro">{t('override.panelIntro')}</p>
      <StatusMessage>{lastSubmittedId ? t('override.submitted') : ''}</StatusMessage>
      <AsyncState
        status={status}
        empty={options.length === 0}
        loadingText={t('override.panelLoading')}
        emptyText={t('override.noOutages')}
        error={error ? errorMessage(error.code) : null}
      >
        <ul className="overrides__list">
          {options.map((option) => (
            <li key={option.outageId} className="overrides__item" data-outage-id={option.outageId}>
              <div className="overrides__summary">
                <strong>{option.title}</strong>
                <span className="overrides__meta">{formatDate(option.startsAt, locale, timeZone)}</span>
                <span className="overrides__meta">
                  {option.liveCreditCount > 0
                    ? t('override.liveCredit', { amount: formatMoney(option.liveCreditMinor, option.currency, locale) })
                    : t('override.noCredit')}
                </span>
                {option.openRequestId ? <span className="overrides__meta">{t('override.openRequest')}</span> : null}
              </div>
              {formOutageId !== option.outageId ? (
                <Button
                  variant="primary"
                  disabled={option.openRequestId !== null || option.allowedKinds.length === 0}
                  aria-label={t('override.requestFor', { outage: option.title })}
                  onClick={() => openForm(option.outageId)}
                >
                  {t('override.request')}
                </Button>
              ) : (
                <OverrideForm
                  accountNumber={accountNumber}
                  option={option}
                  perRequestCapMinor={perRequestCapMinor[option.currency]}
                  locale={locale}
                  onDone={(request) => void submitted(request.id)}
                  onCancel={closeForm}
                />
              )}
            </li>
          ))}
        </ul>
      </AsyncState>
    </section>
  );
}
