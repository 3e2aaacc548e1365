import type { PolicyRunStatus, PolicyRunTotal } from '@shared/ipc/policy-run-channels';
import { formatMoney, formatNumber } from '../../../lib/format';
import { t } from '../../../i18n/translate';

type Outcomes = NonNullable<PolicyRunStatus['outcomes']>;

const outcomeRows = [
  { field: 'eligible', label: 'decision.status.eligible' },
  { field: 'notEligible', label: 'decision.status.not_eligible' },
  { field: 'alreadyCredited', label: 'decision.status.already_credited' },
  { field: 'needsReview', label: 'decision.status.needs_review' },
] as const satisfies ReadonlyArray<{ field: keyof Outcomes; label: string }>;

/** The accounts decided, by outcome: one row each, so a reader sees the whole split. */
export function RunOutcomeTable({ outcomes, locale, caption }: { outcomes: Outcomes; locale: string; caption: string }) {
  return (
    <table className="policy-run__table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('policyRun.column.outcome')}</th>
          <th scope="col" className="num">
            {t('policyRun.column.accounts')}
          </th>
        </tr>
      </thead>
      <tbody>
        {outcomeRows.map((row) => (
          <tr key={row.field}>
            <th scope="row">{t(row.label)}</th>
            <td className="num">{formatNumber(outcomes[row.field], locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Credits and their amount per currency: amounts in different currencies are never added up. */
export function RunTotalsTable({ totals, locale, caption }: { totals: readonly PolicyRunTotal[]; locale: string; caption: string }) {
  return (
    <table className="policy-run__table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('policyRun.column.currency')}</th>
          <th scope="col" className="num">
            {t('policyRun.column.credits')}
          </th>
          <th scope="col" className="num">
            {t('policyRun.column.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {totals.map((total) => (
          <tr key={total.currency}>
            <th scope="row">{total.currency}</th>
            <td className="num">{formatNumber(total.credits, locale)}</td>
            <td className="num">{formatMoney(total.amountMinor, total.currency, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
