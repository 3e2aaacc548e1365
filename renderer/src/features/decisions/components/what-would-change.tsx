import type { Decision } from '@shared/policy/decision';
import { t } from '../../../i18n/translate';
import { ruleName } from '../wording/rule-sentence';
import { joinOr, labelFact } from '../wording/value-labels';

export interface WhatWouldChangeProps {
  decision: Decision;
  lineNumbers: ReadonlyMap<number, string>;
  locale: string;
}

/** When not eligible: what would have to be different, and whether an override can be asked for. */
export function WhatWouldChange({ decision, lineNumbers, locale }: WhatWouldChangeProps) {
  const items = decision.whatWouldChange.map((change) => {
    const required = joinOr(Object.entries(change.required).map(([name, value]) => labelFact(name, value, locale)));
    const rule = ruleName(change.code);
    const text =
      change.lineId === null
        ? t('decision.changeAccount', { rule, required })
        : t('decision.changeLine', { line: lineNumbers.get(change.lineId) ?? change.lineId, rule, required });
    return { key: `${change.code}-${change.lineId ?? 'account'}`, text };
  });
  return (
    <section className="decision__change">
      {items.length > 0 ? (
        <>
          <h4 className="decision__subtitle">{t('decision.changeTitle')}</h4>
          <ul>
            {items.map((item) => (
              <li key={item.key}>{item.text}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="decision__override">{t(`override.${decision.overridePossible.reason}`)}</p>
    </section>
  );
}
