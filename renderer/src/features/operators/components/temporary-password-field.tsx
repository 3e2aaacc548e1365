import { PASSWORD_MIN_LENGTH } from '@shared/auth/password-policy';
import { TextField } from '../../../components/text-field';
import { t } from '../../../i18n/translate';

/** The temporary password an admin gives a new operator or one whose password they reset. */
export function TemporaryPasswordField({ value, error, onChange }: { value: string; error: string | null; onChange: (value: string) => void }) {
  return (
    <TextField
      label={t('operators.temporaryPassword')}
      hint={t('operators.temporaryPasswordHint', { min: PASSWORD_MIN_LENGTH })}
      type="password"
      autoComplete="new-password"
      size={24}
      maxLength={256}
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
