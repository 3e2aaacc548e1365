import { useEffect } from 'react';
import type { PolicyRunOutage, PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import { AsyncState } from '../../../components/async-state';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { PageTitle } from '../../../components/page-title';
import { SelectField } from '../../../components/select-field';
import { StatusMessage } from '../../../components/status-message';
import { errorMessage, t } from '../../../i18n/translate';
import { policyName } from '../../../i18n/policy-name';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { usePolicyRunStore } from '../stores/policy-run-store';
import { RunConfirmation } from './run-confirmation';
import { RunOutcomeTable, RunPartsTable, RunTotalsTable } from './run-figures';
import './policy-run-screen.css';

export interface PolicyRunScreenProps {
  locale: string;
  timeZone: string;
}

function policiesOf(outage: PolicyRunOutage): string {
  return outage.policies.map((p) => t('policyRun.policyName', { name: policyName(p.code, p.name), version: p.version })).join('; ');
}

function stateText(run: PolicyRunStatus | null, n: (value: number) => string): string {
  if (!run) return '';
  if (run.state === 'running') return t(run.preview ? 'policyRun.state.previewing' : 'policyRun.state.running');
  if (run.preview && run.state === 'done') {
    return run.creditsWritten > 0 ? t('policyRun.previewReady', { credits: n(run.creditsWritten) }) : t('policyRun.previewNothing');
  }
  const several = !run.preview && run.policies && run.policies.length > 1 ? run.policies.length : 0;
  // A run of several policies counts each account once per policy: account checks, not accounts.
  if (several > 0) return t(`policyRun.stateSeveral.${run.state}`, { count: n(several), done: n(run.done), credits: n(run.creditsWritten) });
  return t(`policyRun.state.${run.state}`, { done: n(run.done), credits: n(run.creditsWritten) });
}

/** Admin only: pick an outage, see what its policies would write, confirm, watch the progress. */
export function PolicyRunScreen({ locale, timeZone }: PolicyRunScreenProps) {
  const { outages, selectedOutageId, run, runFromHistory, confirmation, rate, error, loadOutages, select, preview, confirm, back, cancel } = usePolicyRunStore();

  useEffect(() => {
    void loadOutages();
  }, [loadOutages]);

  const running = run?.state === 'running';
  const n = (value: number) => formatNumber(value, locale);
  const selected = outages?.find((o) => o.id === selectedOutageId) ?? null;
  const finishedRun = run && !run.preview && run.state !== 'running' ? run : null;
  const emptyPreview = run && run.preview && run.state === 'done' && run.creditsWritten === 0 ? run : null;
  const parts = run && !run.preview && run.policies && run.policies.length > 1 ? run.policies : null;
  const partName = (part: { policyCode: string; policyVersion: number }) => {
    const known = selected?.policies.find((p) => p.code === part.policyCode && p.version === part.policyVersion);
    return t('policyRun.policyName', { name: policyName(part.policyCode, known?.name ?? part.policyCode), version: part.policyVersion });
  };

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
          className="policy-run__form"
          onSubmit={(event) => {
            event.preventDefault();
            void preview();
          }}
        >
          <SelectField
            label={t('policyRun.outageLabel')}
            hint={selected ? t('policyRun.policiesHint', { policies: policiesOf(selected) }) : undefined}
            value={selectedOutageId ?? ''}
            disabled={running || confirmation !== null}
            onChange={(event) => select(Number(event.target.value))}
          >
            {(outages ?? []).map((outage) => (
              <option key={outage.id} value={outage.id}>
                {t('policyRun.outageOption', {
                  title: outage.title,
                  start: formatDate(outage.startsAt, locale, timeZone),
                  accounts: n(outage.impactedAccounts),
                })}
              </option>
            ))}
          </SelectField>
          <div className="policy-run__actions">
            <Button type="submit" variant="primary" disabled={running || confirmation !== null || selectedOutageId === null}>
              {t('policyRun.start')}
            </Button>
            {running ? <Button onClick={() => void cancel()}>{t('policyRun.cancel')}</Button> : null}
          </div>
        </form>
      </AsyncState>
      {run && (running || !run.preview) ? (
        <div className="policy-run__progress">
          <progress
            aria-label={t(run.preview ? 'policyRun.previewProgressLabel' : 'policyRun.progressLabel')}
            max={Math.max(run.total, 1)}
            value={run.done}
          />
          <p>
            {t(run.preview ? 'policyRun.previewProgress' : parts ? 'policyRun.progressSeveral' : 'policyRun.progress', {
              done: n(run.done),
              total: n(run.total),
              rate: n(Math.round(rate)),
              credits: n(run.creditsWritten),
              ...(parts ? { count: n(parts.length) } : {}),
            })}
          </p>
          {parts ? <RunPartsTable parts={parts} nameOf={partName} locale={locale} /> : null}
        </div>
      ) : null}
      {confirmation && selected ? (
        <RunConfirmation preview={confirmation} outageTitle={selected.title} locale={locale} onConfirm={() => void confirm()} onBack={back} />
      ) : null}
      {emptyPreview?.outcomes ? (
        <RunOutcomeTable outcomes={emptyPreview.outcomes} locale={locale} caption={t('policyRun.confirm.outcomesCaption')} />
      ) : null}
      {finishedRun ? (
        <section className="policy-run__result" aria-labelledby="policy-run-result-title">
          <h2 id="policy-run-result-title">
            {runFromHistory
              ? t('policyRun.result.lastTitle', { when: formatDateTime(finishedRun.finishedAt ?? finishedRun.startedAt, locale, timeZone) })
              : t('policyRun.result.title')}
          </h2>
          {finishedRun.outcomes ? (
            <RunOutcomeTable outcomes={finishedRun.outcomes} locale={locale} caption={t('policyRun.result.outcomesCaption')} />
          ) : null}
          {finishedRun.totals.length > 0 ? (
            <RunTotalsTable totals={finishedRun.totals} locale={locale} caption={t('policyRun.result.totalsCaption')} />
          ) : null}
        </section>
      ) : null}
      <StatusMessage>{stateText(run, n)}</StatusMessage>
    </section>
  );
}
