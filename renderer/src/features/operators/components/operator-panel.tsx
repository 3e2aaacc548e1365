import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@shared/auth/password-policy';
import { currencies, type Currency } from '@shared/domain/account';
import { roles, type Role } from '@shared/domain/operator';
import type { OperatorView } from '@shared/ipc/operator-channels';
import type { Result } from '@shared/ipc/result';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { SelectField } from '../../../components/select-field';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { t } from '../../../i18n/translate';
import { TemporaryPasswordField } from './temporary-password-field';
import { minorToAmountText, parseAmountToMinor } from '../../../lib/amount-text';
import { formatMoney } from '../../../lib/format';
import { passwordProblemText } from '../../../lib/password-problem-text';
import { operatorErrorText } from '../lib/operator-error-text';
import { useOperatorsStore } from '../stores/operators-store';

export interface OperatorPanelProps {
  operator: OperatorView;
  /** The signed-in admin: their own role and access are not theirs to change. */
  self: boolean;
  locale: string;
  onClose: () => void;
}

/** Everything an admin changes on one operator: role, own daily limits, a temporary password, access. */
export function OperatorPanel({ operator, self, locale, onClose }: OperatorPanelProps) {
  const store = useOperatorsStore();
  const [role, setRole] = useState<Role>(operator.role);
  const [limits, setLimits] = useState<Record<Currency, string>>(() =>
    Object.fromEntries(currencies.map((c) => [c, operator.dailyLimits[c] ? minorToAmountText(operator.dailyLimits[c], locale) : ''])) as Record<Currency, string>,
  );
  const [limitError, setLimitError] = useState<Partial<Record<Currency, string>>>({});
  const [temporaryPassword, setTemporaryPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const name = operator.displayName;
  const panelRef = useRef<HTMLElement>(null);

  // Opened from a row of a long list: bring the panel into view (jsdom has no scrollIntoView).
  useEffect(() => {
    panelRef.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, []);

  async function run(call: () => Promise<Result<OperatorView>>, success: string): Promise<Result<OperatorView>> {
    setFailure(null);
    setDone(null);
    const result = await call();
    if (result.ok) setDone(success);
    else if (!passwordProblemText(result.error)) setFailure(operatorErrorText(result.error));
    return result;
  }

  async function saveRole(event: FormEvent) {
    event.preventDefault();
    await run(() => store.setRole(operator.operatorId, role), t('operators.roleSaved', { name }));
  }

  async function saveLimit(currency: Currency) {
    const text = limits[currency].trim();
    const minor = text === '' ? null : parseAmountToMinor(text);
    if (text !== '' && minor === null) {
      setLimitError({ [currency]: t('operators.error.limit') });
      return;
    }
    setLimitError({});
    await run(() => store.setDailyLimit({ targetId: operator.operatorId, currency, dailyTotalMinor: minor }), t('operators.limitSaved', { currency }));
  }

  async function savePassword(event: FormEvent) {
    event.preventDefault();
    if ([...temporaryPassword].length < PASSWORD_MIN_LENGTH) {
      setPasswordError(t('passwordProblem.too_short', { min: PASSWORD_MIN_LENGTH }));
      return;
    }
    setPasswordError(null);
    const result = await run(() => store.resetPassword(operator.operatorId, temporaryPassword), t('operators.passwordReset', { name }));
    if (result.ok) setTemporaryPassword('');
    else setPasswordError(passwordProblemText(result.error));
  }

  async function setActive(active: boolean) {
    setConfirming(false);
    await run(() => store.setActive(operator.operatorId, active), t(active ? 'operators.reactivated' : 'operators.deactivated', { name }));
  }

  return (
    <section ref={panelRef} className="operators__panel" aria-labelledby="operator-panel-title">
      <div className="operators__panel-head">
        <h2 id="operator-panel-title" className="operators__section-title">
          {name} <span className="operators__username">{operator.username}</span>
        </h2>
        <Button variant="ghost" onClick={onClose}>
          {t('operators.close')}
        </Button>
      </div>
      {failure ? <ErrorBanner>{failure}</ErrorBanner> : null}
      <StatusMessage className="operators__done">{done}</StatusMessage>

      <form className="operators__group" onSubmit={saveRole}>
        <h3>{t('operators.roleSection')}</h3>
        {self ? (
          <p className="operators__note">{t('operators.ownRole')}</p>
        ) : (
          <div className="operators__inline">
            <SelectField label={t('operators.newRole')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </SelectField>
            <Button type="submit" disabled={store.busy || role === operator.role}>
              {t('operators.saveRole')}
            </Button>
          </div>
        )}
      </form>

      <div className="operators__group" role="group" aria-labelledby="operator-limit-title">
        <h3 id="operator-limit-title">{t('operators.limitSection')}</h3>
        <p className="operators__note">{t('operators.limitIntro', { amount: currencies.map((c) => formatMoney(store.siteDailyTotalMinor[c], c, locale)).join(' / ') })}</p>
        {currencies.map((currency) => (
          <form
            key={currency}
            className="operators__inline"
            onSubmit={(e) => {
              e.preventDefault();
              void saveLimit(currency);
            }}
          >
            <TextField
              label={t('operators.limitFor', { currency })}
              hint={t('operators.limitHint')}
              inputMode="decimal"
              size={10}
              value={limits[currency]}
              error={limitError[currency] ?? null}
              onChange={(e) => setLimits({ ...limits, [currency]: e.target.value })}
            />
            <Button type="submit" disabled={store.busy}>
              {t('operators.saveLimit', { currency })}
            </Button>
          </form>
        ))}
      </div>

      <form className="operators__group" onSubmit={savePassword} noValidate>
        <h3>{t('operators.passwordSection')}</h3>
        {self ? (
          <p className="operators__note">{t('operators.ownPassword')}</p>
        ) : (
          <div className="operators__inline">
            <TemporaryPasswordField value={temporaryPassword} error={passwordError} onChange={setTemporaryPassword} />
            <Button type="submit" disabled={store.busy}>
              {t('operators.resetPassword')}
            </Button>
          </div>
        )}
      </form>

      <div className="operators__group" role="group" aria-labelledby="operator-access-title">
        <h3 id="operator-access-title">{t('operators.accessSection')}</h3>
        {self ? (
          <p className="operators__note">{t('operators.ownAccess')}</p>
        ) : operator.active ? (
          confirming ? (
            <div className="operators__confirm" role="alertdialog" aria-labelledby="operator-confirm-text">
              <p id="operator-confirm-text">{t('operators.confirmDeactivate', { name })}</p>
              <div className="operators__inline">
                <Button variant="primary" className="operators__danger" disabled={store.busy} onClick={() => void setActive(false)}>
                  {t('operators.confirm')}
                </Button>
                <Button onClick={() => setConfirming(false)}>{t('operators.cancel')}</Button>
              </div>
            </div>
          ) : (
            <div>
              <Button disabled={store.busy} onClick={() => setConfirming(true)}>
                {t('operators.deactivate')}
              </Button>
            </div>
          )
        ) : (
          <div>
            <Button disabled={store.busy} onClick={() => void setActive(true)}>
              {t('operators.reactivate')}
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}
