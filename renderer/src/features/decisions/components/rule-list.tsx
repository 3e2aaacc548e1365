import type { RuleResult } from '@shared/policy/decision';
import { t } from '../../../i18n/translate';
import { ruleName, ruleSentence, type WordingContext } from '../wording/rule-sentence';
import { labelFact } from '../wording/value-labels';

function FactList({ rule, locale }: { rule: RuleResult; locale: string }) {
  // Empty facts (no credits yet, nothing listed) say nothing to an agent.
  const entries = Object.entries(rule.facts).filter(([, value]) => !isEmptyFact(value));
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

function isEmptyFact(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function RuleItems({ rules, wording, showFacts }: { rules: readonly RuleResult[]; wording: WordingContext; showFacts: boolean }) {
  return (
    <ul className="rules">
      {rules.map((rule) => (
        <li key={rule.code} className={`rule rule--${rule.outcome}`} data-rule={rule.code} data-outcome={rule.outcome}>
          <span className="rule__outcome">{t(`outcome.${rule.outcome}`)}</span>
          <span className="rule__name">{ruleName(rule.code)}</span>
          <p className="rule__sentence">{ruleSentence(rule, wording)}</p>
          {showFacts ? <FactList rule={rule} locale={wording.locale} /> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Every rule evaluated, each with its outcome and its sentence; with `showFacts` (supervisors
 * and admins) also the engine's facts it used, which mean nothing to a caller. Rules the
 * policy does not check stay one click away so the ones that decided the case come first.
 */
export function RuleList({ rules, wording, showFacts = false }: { rules: readonly RuleResult[]; wording: WordingContext; showFacts?: boolean }) {
  const checked = rules.filter((rule) => rule.outcome !== 'not_applicable');
  const notChecked = rules.filter((rule) => rule.outcome === 'not_applicable');
  return (
    <>
      <RuleItems rules={checked} wording={wording} showFacts={showFacts} />
      {notChecked.length > 0 ? (
        <details className="rules-not-checked">
          <summary>{t('decision.rulesNotChecked', { count: notChecked.length })}</summary>
          <RuleItems rules={notChecked} wording={wording} showFacts={showFacts} />
        </details>
      ) : null}
    </>
  );
}
