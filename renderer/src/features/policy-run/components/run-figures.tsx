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

type Part = NonNullable<PolicyRunStatus['policies']>[number];

/** A part still running with nothing done while an earlier one runs is waiting its turn (the hub runs them one after the other). */
function partState(parts: readonly Part[], index: number): string {
  const part = parts[index]!;
  const waiting = part.state === 'running' && part.done === 0 && parts.slice(0, index).some((p) => p.state === 'running');
  return t(waiting ? 'policyRun.partState.waiting' : `policyRun.partState.${part.state}`);
}

/** A run of several policies: each policy's accounts decided, credits written and state. */
export function RunPartsTable({ parts, nameOf, locale }: { parts: readonly Part[]; nameOf: (part: Part) => string; locale: string }) {
  return (
    <table className="policy-run__table">
      <caption>{t('policyRun.parts.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('policyRun.column.policy')}</th>
          <th scope="col" className="num">
            {t('policyRun.column.decided')}
          </th>
          <th scope="col" className="num">
            {t('policyRun.column.credits')}
          </th>
          <th scope="col">{t('policyRun.column.state')}</th>
        </tr>
      </thead>
      <tbody>
        {parts.map((part, index) => (
          <tr key={`${part.policyCode}@${part.policyVersion}`}>
            <th scope="row">{nameOf(part)}</th>
            <td className="num">{t('policyRun.parts.decided', { done: formatNumber(part.done, locale), total: formatNumber(part.total, locale) })}</td>
            <td className="num">{formatNumber(part.creditsWritten, locale)}</td>
            <td>{partState(parts, index)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
