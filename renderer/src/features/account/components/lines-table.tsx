import type { Currency, Line } from '@shared/domain/account';
import { Badge, type BadgeTone } from '../../../components/badge';
import { EmptyState } from '../../../components/empty-state';
import { t, tCount } from '../../../i18n/translate';
import { formatMoney } from '../../../lib/format';
import { formatPhoneNumber } from '../../../lib/phone';
import { useDisplayLocale } from '../../../stores/session-store';

const statusTone: Record<Line['status'], BadgeTone> = { active: 'success', suspended: 'warning', closed: 'danger' };

export interface LinesTableProps {
  lines: readonly Line[];
  currency: Currency;
}

export function LinesTable({ lines, currency }: LinesTableProps) {
  const locale = useDisplayLocale();
  return (
    <section className="panel" aria-labelledby="lines-title">
      <h2 id="lines-title" className="panel__title">
        {t('account.linesTitle')}
        <span className="panel__count">{tCount('account.linesCountOne', 'account.linesCountOther', lines.length)}</span>
      </h2>
      {lines.length === 0 ? (
        <EmptyState title={t('account.linesEmpty')} />
      ) : (
        <table className="table" aria-labelledby="lines-title">
          <thead>
            <tr>
              <th scope="col">{t('account.lines.number')}</th>
              <th scope="col">{t('account.lines.serviceType')}</th>
              <th scope="col" className="table__num">
                {t('account.lines.monthlyRate')}
              </th>
              <th scope="col">{t('account.lines.status')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id}>
                <th scope="row" className="table__phone">
                  {formatPhoneNumber(line.numberE164)}
                </th>
                <td>{t(`serviceType.${line.serviceType}`)}</td>
                <td className="table__num">{formatMoney(line.monthlyRateMinor, currency, locale)}</td>
                <td>
                  <Badge tone={statusTone[line.status]}>{t(`lineStatus.${line.status}`)}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
