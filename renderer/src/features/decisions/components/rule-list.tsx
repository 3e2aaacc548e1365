import type { RuleResult } from '@shared/policy/decision';
import { t } from '../../../i18n/translate';
import { ruleName, ruleSentence, type WordingContext } from '../wording/rule-sentence';
import { labelFact } from '../wording/value-labels';

function FactList({ rule, locale }: { rule: RuleResult; locale: string }) {
  const entries = Object.entries(rule.facts);
  if (entries.length === 0) return null;
  return (
    <dl className="rule__facts" aria-label={t('decision.factsLabel')}>
      {entries.map(([name, value]) => (
        <div key={name} className="rule__fact">
          <dt>{name}</dt>
          <dd>{labelFact(name, value, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Every rule evaluated, each with its outcome, its sentence and the facts it used. */
export function RuleList({ rules, wording }: { rules: readonly RuleResult[]; wording: WordingContext }) {
  return (
    <ul className="rules">
      {rules.map((rule) => (
        <li key={rule.code} className={`rule rule--${rule.outcome}`} data-rule={rule.code} data-outcome={rule.outcome}>
          <span className="rule__outcome">{t(`outcome.${rule.outcome}`)}</span>
          <span className="rule__name">{ruleName(rule.code)}</span>
          <p className="rule__sentence">{ruleSentence(rule, wording)}</p>
          <FactList rule={rule} locale={wording.locale} />
        </li>
      ))}
    </ul>
  );
}
