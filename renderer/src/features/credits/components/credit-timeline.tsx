import type { Line } from '@shared/domain/account';
import type { CreditEntry } from '@shared/ipc/decision-channels';
import { Badge, type BadgeTone } from '../../../components/badge';
import { EmptyState } from '../../../components/empty-state';
import { formatCalendarDate, formatMoney } from '../../../lib/format';
import { t } from '../../../i18n/translate';

export interface CreditTimelineProps {
  credits: readonly CreditEntry[];
  lines: readonly Line[];
  locale: string;
}

const statusTone: Record<CreditEntry['status'], BadgeTone> = {
  pending: 'warning',
  scheduled: 'info',
  posted: 'success',
  reversed: 'neutral',
};

/** The account's credits, newest first: amount, policy and version, source, status and bill date. */
export function CreditTimeline({ credits, lines, locale }: CreditTimelineProps) {
  const lineNumbers = new Map(lines.map((line) => [line.id, line.numberE164]));
  return (
    <section className="credits" aria-labelledby="credits-title">
      <h3 id="credits-title" className="credits__title">
        {t('credits.title')}
      </h3>
      {credits.length === 0 ? (
        <EmptyState title={t('credits.none')} />
      ) : (
        <table className="credits__table">
          <thead>
            <tr>
              <th scope="col">{t('credits.column.billDate')}</th>
              <th scope="col">{t('credits.column.amount')}</th>
              <th scope="col">{t('credits.column.policy')}</th>
              <th scope="col">{t('credits.column.outage')}</th>
              <th scope="col">{t('credits.column.source')}</th>
              <th scope="col">{t('credits.column.status')}</th>
            </tr>
          </thead>
          <tbody>
            {credits.map((credit) => (
              <tr key={credit.id} data-credit={credit.id} data-adjustment={credit.adjustment ? credit.adjustment.reason : undefined}>
                <td>{credit.billDate ? formatCalendarDate(credit.billDate, locale) : t('credits.billDateUnknown')}</td>
                <td>{formatMoney(credit.amountMinor, credit.currency, locale)}</td>
                <td>
                  {credit.policyCode} {t('policy.version', { version: credit.policyVersion })}
                </td>
                <td>
                  {credit.outageTitle}
                  <br />
                  {credit.lineId === null
                    ? t('credits.forAccount')
                    : t('credits.forLine', { line: lineNumbers.get(credit.lineId) ?? credit.lineId })}
                </td>
                <td>
                  {t(`credits.source.${credit.source}`)}
                  {credit.adjustment ? (
                    <>
                      <br />
                      {t('credits.kind.adjustment', { revision: credit.adjustment.outageRevision })}
                    </>
                  ) : null}
                </td>
                <td>
                  <Badge tone={statusTone[credit.status]}>{t(`credits.status.${credit.status}`)}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
