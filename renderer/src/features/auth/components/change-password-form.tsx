import { useRef, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@shared/auth/password-policy';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { TextField } from '../../../components/text-field';
import { errorMessage, t } from '../../../i18n/translate';
import { passwordProblemText } from '../../../lib/password-problem-text';
import { changeOwnPassword } from '../stores/session-actions';

interface Errors {
  current?: string;
  next?: string;
  repeat?: string;
}

export interface ChangePasswordFormProps {
  titleId: string;
  /** A forced change after a temporary password: the current one is called the temporary one. */
  temporary?: boolean;
  onDone: () => void;
  onCancel?: () => void;
}

/** The operator's own password: the current one, then the new one twice. Main checks the policy. */
export function ChangePasswordForm({ titleId, temporary = false, onDone, onCancel }: ChangePasswordFormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const found: Errors = {};
    if (!current) found.current = t('password.error.required');
    if ([...next].length < PASSWORD_MIN_LENGTH) found.next = t('passwordProblem.too_short', { min: PASSWORD_MIN_LENGTH });
    else if (next !== repeat) found.repeat = t('password.error.mismatch');
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    const result = await changeOwnPassword(current, next);
    setSaving(false);
    if (result.ok) {
      onDone();
      return;
    }
    const problem = passwordProblemText(result.error);
    if (problem) {
      setErrors({ next: problem });
      nextRef.current?.focus();
    } else if (result.error.code === 'BAD_CREDENTIALS') {
      setErrors({ current: t('password.error.wrongCurrent') });
      setCurrent('');
      currentRef.current?.focus();
    } else {
      setFailure(errorMessage(result.error.code));
    }
  }

  return (
    <form className="password-form" aria-labelledby={titleId} onSubmit={submit} noValidate>
      {failure ? <ErrorBanner>{failure}</ErrorBanner> : null}
      <TextField
        ref={currentRef}
        label={t(temporary ? 'password.currentTemporary' : 'password.current')}
        type="password"
        autoComplete="current-password"
        maxLength={256}
        value={current}
        error={errors.current ?? null}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <TextField
        ref={nextRef}
        label={t('password.new')}
        hint={t('password.newHint', { min: PASSWORD_MIN_LENGTH })}
        type="password"
        autoComplete="new-password"
        maxLength={256}
        value={next}
        error={errors.next ?? null}
        onChange={(e) => setNext(e.target.value)}
      />
      <TextField
        label={t('password.repeat')}
        type="password"
        autoComplete="new-password"
        maxLength={256}
        value={repeat}
        error={errors.repeat ?? null}
        onChange={(e) => setRepeat(e.target.value)}
      />
      <div className="password-form__actions">
        <Button type="submit" variant="primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('password.saving') : t('password.save')}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('password.cancel')}</Button> : null}
      </div>
    </form>
  );
}
