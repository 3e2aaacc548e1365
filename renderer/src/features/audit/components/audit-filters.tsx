import { useId, useState, type FormEvent } from 'react';
import type { AuditListInput, AuditOperator } from '@shared/ipc/audit-channels';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/text-field';
import { t } from '../../../i18n/translate';
import { auditQuery, noAuditFilters, type AuditQueryProblem } from '../lib/audit-query';
import { auditActionLabel, knownAuditActions } from '../lib/audit-sentence';

export interface AuditFiltersProps {
  operators: readonly AuditOperator[];
  timeZone: string;
  onApply: (query: AuditListInput) => void;
}

/** Operator, action, account and date range; dates are days in the operator's time zone. */
export function AuditFiltersForm({ operators, timeZone, onApply }: AuditFiltersProps) {
  const [filters, setFilters] = useState(noAuditFilters);
  const [problem, setProblem] = useState<AuditQueryProblem | null>(null);
  const id = useId();
  const actions = [...knownAuditActions].sort((a, b) => auditActionLabel(a).localeCompare(auditActionLabel(b)));

  function apply(event: FormEvent) {
    event.preventDefault();
    const built = auditQuery(filters, timeZone);
    if (!built.ok) {
      setProblem(built.problem);
      return;
    }
    setProblem(null);
    onApply(built.query);
  }

  function clear() {
    setFilters(noAuditFilters);
    setProblem(null);
    onApply({});
  }

  return (
    <form className="audit__filters" onSubmit={apply} aria-label={t('audit.filters')}>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-operator`}>
          {t('audit.filter.operator')}
        </label>
        <select id={`${id}-operator`} className="field__input" value={filters.operatorId} onChange={(e) => setFilters({ ...filters, operatorId: e.target.value })}>
          <option value="">{t('audit.filter.anyOperator')}</option>
          {operators.map((o) => (
            <option key={o.id} value={String(o.id)}>
              {o.displayName} ({o.username})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-action`}>
          {t('audit.filter.action')}
        </label>
        <select id={`${id}-action`} className="field__input" value={filters.action} onChange={(e) => setFilters({ ...filters, action: e.target.value })}>
          <option value="">{t('audit.filter.anyAction')}</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {auditActionLabel(action)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        className="audit__account"
        label={t('audit.filter.account')}
        inputMode="numeric"
        value={filters.accountNumber}
        error={problem === 'account' ? t('audit.filter.accountInvalid') : null}
        onChange={(e) => setFilters({ ...filters, accountNumber: e.target.value })}
      />
      <TextField
        className="audit__date"
        label={t('audit.filter.from')}
        type="date"
        value={filters.fromDate}
        onChange={(e) => setFilters({ ...filters, fromDate: e.target.value })}
      />
      <TextField
        className="audit__date"
        label={t('audit.filter.to')}
        type="date"
        value={filters.toDate}
        error={problem === 'dateOrder' ? t('audit.filter.dateOrder') : null}
        onChange={(e) => setFilters({ ...filters, toDate: e.target.value })}
      />
      <div className="audit__filter-actions">
        <Button type="submit" variant="primary">
          {t('audit.apply')}
        </Button>
        <Button onClick={clear}>{t('audit.clear')}</Button>
      </div>
    </form>
  );
}
