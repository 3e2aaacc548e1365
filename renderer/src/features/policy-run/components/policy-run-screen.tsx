import { useEffect } from 'react';
import { AsyncState } from '../../../components/async-state';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { StatusMessage } from '../../../components/status-message';
import { formatDate, formatNumber } from '../../../lib/format';
import { errorMessage, t } from '../../../i18n/translate';
import { usePolicyRunStore } from '../stores/policy-run-store';
import { PageTitle } from '../../../components/page-title';
import '../../../components/select-field.css';

export interface PolicyRunScreenProps {
  locale: string;
  timeZone: string;
}

/** Admin only: pick an outage, run its policies across all accounts, watch the progress. */
export function PolicyRunScreen({ locale, timeZone }: PolicyRunScreenProps) {
  const { outages, selectedOutageId, run, rate, error, loadOutages, select, start, cancel } = usePolicyRunStore();

  useEffect(() => {
    void loadOutages();
  }, [loadOutages]);

  const running = run?.state === 'running';
  const n = (value: number) => formatNumber(value, locale);
  let stateText = '';
  if (run) {
    stateText =
      run.state === 'running'
        ? t('policyRun.state.running')
        : t(`policyRun.state.${run.state}`, { done: n(run.done), credits: n(run.creditsWritten) });
  }

  return (
    <section className="panel policy-run" aria-labelledby="policy-run-title">
      <PageTitle id="policy-run-title">{t('policyRun.title')}</PageTitle>
      <p>{t('policyRun.intro')}</p>
      {error ? <ErrorBanner>{errorMessage(error.code)}</ErrorBanner> : null}
      <AsyncState
        status={outages === null ? 'loading' : 'loaded'}
        empty={!outages || outages.length === 0}
        loadingText={t('policyRun.loading')}
        emptyText={t('policyRun.none')}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          <label htmlFor="policy-run-outage">{t('policyRun.outageLabel')}</label>{' '}
          <select
            id="policy-run-outage"
            className="select-field"
            value={selectedOutageId ?? ''}
            disabled={running}
            onChange={(event) => select(Number(event.target.value))}
          >
            {(outages ?? []).map((outage) => (
              <option key={outage.id} value={outage.id}>
                {t('policyRun.outageOption', {
                  title: outage.title,
                  start: formatDate(outage.startsAt, locale, timeZone),
                  policies: outage.policies.map((p) => `${p.code} ${t('policy.version', { version: p.version })}`).join(', '),
                })}
              </option>
            ))}
          </select>{' '}
          <Button type="submit" variant="primary" disabled={running || selectedOutageId === null}>
            {t('policyRun.start')}
          </Button>{' '}
          {running ? <Button onClick={() => void cancel()}>{t('policyRun.cancel')}</Button> : null}
        </form>
      </AsyncState>
      {run ? (
        <div className="policy-run__progress">
          <progress aria-label={t('policyRun.progressLabel')} max={Math.max(run.total, 1)} value={run.done} />
          <p>
            {t('policyRun.progress', {
              done: n(run.done),
              total: n(run.total),
              rate: n(Math.round(rate)),
              credits: n(run.creditsWritten),
            })}
          </p>
        </div>
      ) : null}
      <StatusMessage>{stateText}</StatusMessage>
    </section>
  );
}
