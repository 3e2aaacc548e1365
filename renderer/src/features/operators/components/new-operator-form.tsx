import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@shared/auth/password-policy';
import { roles, type Role } from '@shared/domain/operator';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { t } from '../../../i18n/translate';
import { TemporaryPasswordField } from './temporary-password-field';
import { passwordProblemText } from '../../../lib/password-problem-text';
import { operatorErrorText } from '../lib/operator-error-text';
import { useOperatorsStore } from '../stores/operators-store';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

interface Errors {
  username?: string;
  displayName?: string;
  temporaryPassword?: string;
}

/** The admin creates an operator with a temporary password, which the operator replaces at the first sign-in. */
export function NewOperatorForm({ onCreated }: { onCreated: (message: string) => void }) {
  const create = useOperatorsStore((s) => s.create);
  const busy = useOperatorsStore((s) => s.busy);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [temporaryPassword, setTemporaryPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const next: Errors = {};
    const name = username.trim();
    if (!USERNAME.test(name)) next.username = t('operators.error.username');
    if (!displayName.trim()) next.displayName = t('operators.error.displayName');
    if ([...temporaryPassword].length < PASSWORD_MIN_LENGTH) next.temporaryPassword = t('passwordProblem.too_short', { min: PASSWORD_MIN_LENGTH });
    setErrors(next);
    setFailure(null);
    if (Object.keys(next).length > 0) return;
    const result = await create({ username: name, displayName: displayName.trim(), assignRole: role, temporaryPassword });
    if (result.ok) {
      onCreated(t('operators.created', { name: result.value.displayName, username: result.value.username }));
      setUsername('');
      setDisplayName('');
      setTemporaryPassword('');
      setRole('agent');
      return;
    }
    const problem = passwordProblemText(result.error);
    if (problem) setErrors({ temporaryPassword: problem });
    else setFailure(operatorErrorText(result.error));
  }

  return (
    <form className="operators__form" aria-labelledby="new-operator-title" onSubmit={submit} noValidate>
      <h2 id="new-operator-title" className="operators__section-title">
        {t('operators.newTitle')}
      </h2>
      {failure ? <ErrorBanner>{failure}</ErrorBanner> : null}
      <div className="operators__fields">
        <TextField
          label={t('operators.username')}
          hint={t('operators.usernameHint')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          size={20}
          maxLength={32}
          value={username}
          error={errors.username ?? null}
          onChange={(e) => setUsername(e.target.value)}
        />
        <TextField
          label={t('operators.displayName')}
          autoComplete="off"
          size={28}
          maxLength={80}
          value={displayName}
          error={errors.displayName ?? null}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <SelectField label={t('operators.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </SelectField>
        <TemporaryPasswordField value={temporaryPassword} error={errors.temporaryPassword ?? null} onChange={setTemporaryPassword} />
      </div>
      <div>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? t('operators.creating') : t('operators.create')}
        </Button>
      </div>
    </form>
  );
}
