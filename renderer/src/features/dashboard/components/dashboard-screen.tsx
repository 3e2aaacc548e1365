import { useEffect } from 'react';
import { PageTitle } from '../../../components/page-title';
import { t } from '../../../i18n/translate';
import { formatDateTime } from '../../../lib/format';
import { useDashboardStore } from '../stores/dashboard-store';
import { ApprovalsTodayWidget, CreditsWidget, ExposureWidget, OverridesWidget, PendingWidget, QueueAgeWidget, type WidgetData } from './widgets';
import './dashboard.css';

/** The supervisor's and admin's home: what is waiting, who is near a limit, and what the outage costs. */
export function DashboardScreen({ locale, timeZone }: { locale: string; timeZone: string }) {
  const status = useDashboardStore((s) => s.status);
  const summary = useDashboardStore((s) => s.summary);
  const error = useDashboardStore((s) => s.error);
  useEffect(() => {
    void useDashboardStore.getState().load();
  }, []);
  const data: WidgetData = { status, summary, error, locale, timeZone };
  return (
    <section className="dash" aria-labelledby="dash-title">
      <PageTitle id="dash-title">{t('dashboard.title')}</PageTitle>
      <p className="dash-widget__muted">
        {summary ? t('dashboard.asOf', { at: formatDateTime(summary.generatedAt, locale, timeZone) }) : ''}
        {summary?.source === 'hub' ? ` · ${t('dashboard.source.hub')}` : ''}
      </p>
      {summary?.source === 'cache' ? (
        <p className="dash-source-cache" role="status" data-testid="dash-source-cache">
          {t('dashboard.source.cache')}
        </p>
      ) : null}
      <div className="dash-grid">
        <PendingWidget {...data} />
        <ExposureWidget {...data} />
        <ApprovalsTodayWidget {...data} />
        <QueueAgeWidget {...data} />
        <CreditsWidget {...data} />
        <OverridesWidget {...data} />
      </div>
    </section>
  );
}
