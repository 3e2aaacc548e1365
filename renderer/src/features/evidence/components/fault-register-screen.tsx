import { useEffect } from 'react';
import { AsyncTable } from '../../../components/async-table';
import { PageTitle } from '../../../components/page-title';
import { errorMessage, t } from '../../../i18n/translate';
import { formatDateTime, formatMoney } from '../../../lib/format';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useFaultRegisterStore } from '../stores/fault-register-store';
import { EvidenceSyncNote } from './evidence-sync-note';
import './evidence.css';

/** The fault-report register for supervisors: what customers reported, newest first, and what it led to. */
export function FaultRegisterScreen() {
  const status = useFaultRegisterStore((s) => s.status);
  const rows = useFaultRegisterStore((s) => s.rows);
  const error = useFaultRegisterStore((s) => s.error);
  const load = useFaultRegisterStore((s) => s.load);
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="fault-register" aria-labelledby="fault-register-title">
      <PageTitle id="fault-register-title">{t('register.title')}</PageTitle>
      <p className="fault-register__intro">{t('register.intro')}</p>
      <AsyncTable
        label={t('register.title')}
        className="fault-register__table"
        status={status === 'idle' ? 'loading' : status}
        rows={rows}
        loadingText={t('register.loading')}
        emptyText={t('register.empty')}
        error={error ? errorMessage(error.code) : null}
        onRetry={() => void load()}
        head={
          <>
            <th scope="col">{t('register.col.reportedAt')}</th>
            <th scope="col">{t('register.col.account')}</th>
            <th scope="col">{t('register.col.outage')}</th>
            <th scope="col">{t('register.col.report')}</th>
            <th scope="col">{t('register.col.agent')}</th>
            <th scope="col">{t('register.col.request')}</th>
          </>
        }
        renderRow={(row) => (
          <tr key={row.id} data-report={row.id}>
            <td>{formatDateTime(row.reportedAt, locale, timeZone)}</td>
            <td>
              {row.holderName}
              <div className="fault-register__meta">{row.accountNumber}</div>
            </td>
            <td>{row.outageTitle}</td>
            <td>
              {t('register.report', {
                scope: row.lineId === null ? t('evidence.scopeAccount') : t('evidence.scopeLine', { line: row.lineId }),
                failed: row.failed.map((f) => t(`evidence.failed.${f}`)).join(', '),
                from: formatDateTime(row.fromAt, locale, timeZone),
                to: row.toAt ? t('evidence.reportUntil', { to: formatDateTime(row.toAt, locale, timeZone) }) : t('evidence.reportOngoing'),
              })}
              <div className="fault-register__meta">{row.note}</div>
              {row.syncState ? (
                <div>
                  <EvidenceSyncNote syncState={row.syncState} syncRefusal={row.syncRefusal} locale={locale} />
                </div>
              ) : null}
            </td>
            <td>
              {row.recordedBy}
              <div className="fault-register__meta">{row.interactionRef}</div>
            </td>
            <td>
              {row.request
                ? t('register.request', { amount: formatMoney(row.request.amountMinor, row.request.currency, locale), status: t(`override.status.${row.request.status}`) })
                : t('register.noRequest')}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
