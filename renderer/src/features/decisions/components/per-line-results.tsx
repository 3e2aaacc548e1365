import type { Decision } from '@shared/policy/decision';
import { formatMoney } from '../../../lib/format';
import { t } from '../../../i18n/translate';
import { derivationLines } from '../wording/derivation-text';
import type { WordingContext } from '../wording/rule-sentence';
import { RuleList } from './rule-list';
import { DecisionStatusBadge } from './status-badge';

export interface PerLineResultsProps {
  decision: Decision;
  lineNumbers: ReadonlyMap<number, string>;
  wording: WordingContext;
}

/** Per-line policies: each line's own result and amount, and the account total. */
export function PerLineResults({ decision, lineNumbers, wording }: PerLineResultsProps) {
  const money = (minor: number) => formatMoney(minor, decision.currency, wording.locale);
  return (
    <section className="decision__lines">
      <h4 className="decision__subtitle">{t('decision.linesTitle')}</h4>
      <table className="decision__line-table">
        <thead>
          <tr>
            <th scope="col">{t('decision.lines.number')}</th>
            <th scope="col">{t('decision.lines.status')}</th>
            <th scope="col">{t('decision.lines.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {decision.perLine.map((line) => {
            const number = lineNumbers.get(line.lineId) ?? String(line.lineId);
            return (
              <tr key={line.lineId} data-line={line.lineId}>
                <th scope="row">
                  {number}
                  <details className="decision__line-details">
                    <summary>{t('decision.lines.details', { line: number })}</summary>
                    {derivationLines(line.derivation, { currency: decision.currency, locale: wording.locale, lineNumbers }).map((text) => (
                      <p key={text} className="decision__derivation-line">
                        {text}
                      </p>
                    ))}
                    <RuleList rules={line.rules} wording={wording} />
                  </details>
                </th>
                <td>
                  <DecisionStatusBadge status={line.status} />
                </td>
                <td>{money(line.amountMinor)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t('decision.lines.total')}
            </th>
            <td>{money(decision.amountMinor)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
