import { useEffect, useState } from 'react';
import { currencies } from '@shared/domain/account';
import type { LimitByCurrency } from '@shared/domain/override';
import type { OperatorView } from '@shared/ipc/operator-channels';
import { AsyncTable } from '../../../components/async-table';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { PageTitle } from '../../../components/page-title';
import { StatusMessage } from '../../../components/status-message';
import { errorMessage, t } from '../../../i18n/translate';
import { formatMoney } from '../../../lib/format';
import { useDisplayLocale, useSessionStore } from '../../../stores/session-store';
import { useOperatorsStore } from '../stores/operators-store';
import { NewOperatorForm } from './new-operator-form';
import { OperatorPanel } from './operator-panel';
import './operators.css';

function limitText(operator: OperatorView, site: LimitByCurrency, locale: string): string {
  const own = currencies.filter((c) => operator.dailyLimits[c] !== undefined);
  if (own.length === 0) return t('operators.siteDefault', { amount: currencies.map((c) => formatMoney(site[c], c, locale)).join(' / ') });
  return currencies.map((c) => formatMoney(operator.dailyLimits[c] ?? site[c], c, locale)).join(' / ');
}

function rowClass(operator: OperatorView, selectedId: number | null): string | undefined {
  const classes = [operator.active ? null : 'operators__row--inactive', operator.operatorId === selectedId ? 'operators__row--selected' : null];
  return classes.filter(Boolean).join(' ') || undefined;
}

/**
 * The admin's list of operators: create one, and open one to change role, limits, password or
 * access. `siteWide`: this desktop works with a hub, where the operators are the whole site's.
 */
export function OperatorsScreen({ siteWide = false }: { siteWide?: boolean }) {
  const { status, operators, siteDailyTotalMinor, loadError, selectedId, load, select } = useOperatorsStore();
  const locale = useDisplayLocale();
  // By username: with a hub, the list's ids are the hub's and the session's id is this desktop's.
  const me = useSessionStore((s) => s.session?.username ?? null);
  const [created, setCreated] = useState<string | null>(null);
  const selected = operators.find((o) => o.operatorId === selectedId) ?? null;

  useEffect(() => {
    void load();
    return () => useOperatorsStore.getState().reset();
  }, [load]);

  return (
    <section className="operators" aria-labelledby="operators-title">
      <PageTitle id="operators-title">{t('operators.title')}</PageTitle>
      <p className="operators__intro">{t(siteWide ? 'operators.introSite' : 'operators.intro')}</p>
      <AsyncTable
        label={t('operators.tableLabel')}
        className="operators__table"
        status={status === 'idle' ? 'loading' : status}
        rows={operators}
        loadingText={t('operators.loading')}
        emptyText={t('operators.none')}
        error={loadError ? errorMessage(loadError.code) : null}
        onRetry={() => void load()}
        head={
          <>
            <th scope="col">{t('operators.col.name')}</th>
            <th scope="col">{t('operators.col.username')}</th>
            <th scope="col">{t('operators.col.role')}</th>
            <th scope="col">{t('operators.col.dailyLimit')}</th>
            <th scope="col">{t('operators.col.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('operators.col.actions')}</span>
            </th>
          </>
        }
        renderRow={(operator) => (
          <tr key={operator.operatorId} className={rowClass(operator, selectedId)}>
            <th scope="row">
              {operator.displayName} {operator.username === me ? <span className="operators__you">{t('operators.you')}</span> : null}
            </th>
            <td className="operators__mono">{operator.username}</td>
            <td>{t(`role.${operator.role}`)}</td>
            <td>{operator.role === 'agent' || operator.role === 'supervisor' ? limitText(operator, siteDailyTotalMinor, locale) : '—'}</td>
            <td>
              <span className="operators__badges">
                <Badge tone={operator.active ? 'success' : 'neutral'}>{t(operator.active ? 'operators.status.active' : 'operators.status.inactive')}</Badge>
                {operator.mustChangePassword && operator.active ? <Badge tone="warning">{t('operators.status.mustChange')}</Badge> : null}
              </span>
            </td>
            <td>
              <Button aria-label={t('operators.manageName', { name: operator.displayName })} onClick={() => select(operator.operatorId)}>
                {t('operators.manage')}
              </Button>
            </td>
          </tr>
        )}
      />
      {selected ? (
        <OperatorPanel key={selected.operatorId} operator={selected} self={selected.username === me} locale={locale} onClose={() => select(null)} />
      ) : null}
      {status === 'loaded' ? (
        <>
          <NewOperatorForm onCreated={setCreated} />
          <StatusMessage>{created}</StatusMessage>
        </>
      ) : null}
    </section>
  );
}
