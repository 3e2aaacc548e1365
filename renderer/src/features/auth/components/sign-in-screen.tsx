import { useRef, useState, type FormEvent } from 'react';
import type { IpcError } from '@shared/ipc/result';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { TextField } from '../../../components/text-field';
import { errorMessage, t } from '../../../i18n/translate';
import { useDisplayLocale, useDisplayTimeZone, useSessionStore } from '../../../stores/session-store';
import { signInErrorMessage } from '../lib/sign-in-error';
import { signIn } from '../stores/session-actions';
import '../../../components/page-title.css';
import './sign-in-screen.css';

const USERNAME_MAX = 64;
const PASSWORD_MAX = 256;

interface FieldErrors {
  username?: string;
  password?: string;
}

export function SignInScreen() {
  const endedBy = useSessionStore((s) => s.endedBy);
  const lastUsername = useSessionStore((s) => s.lastUsername);
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();

  const [username, setUsername] = useState(lastUsername);
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<IpcError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // A returning operator (locked session) only needs the password; read once, on arrival.
  const [focusPasswordFirst] = useState(() => lastUsername !== '');

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const name = username.trim();
    const errors: FieldErrors = {};
    if (!name) errors.username = t('auth.usernameRequired');
    if (!password) errors.password = t('auth.passwordRequired');
    setFieldErrors(errors);
    if (errors.username || errors.password) {
      (errors.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setFailure(null);
    setSubmitting(true);
    const result = await signIn(name, password);
    if (result.ok) return; // the app leaves this screen
    setSubmitting(false);
    setFailure(result.error);
    setPassword('');
    // The disabled submit button dropped focus; the password is what to retype.
    passwordRef.current?.focus();
  }

  const notice = !failure && endedBy ? errorMessage(endedBy) : null;

  return (
    <main id="main" className="sign-in">
      <form className="sign-in__card" onSubmit={handleSubmit} noValidate aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className="page-title sign-in__title">
          {t('auth.title')}
        </h1>
        <p className="sign-in__intro">{t('auth.intro')}</p>
        {notice ? <ErrorBanner tone="warning">{notice}</ErrorBanner> : null}
        {failure ? <ErrorBanner>{signInErrorMessage(failure, locale, timeZone)}</ErrorBanner> : null}
        <TextField
          ref={usernameRef}
          label={t('auth.username')}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={USERNAME_MAX}
          value={username}
          autoFocus={!focusPasswordFirst}
          readOnly={submitting}
          error={fieldErrors.username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <TextField
          ref={passwordRef}
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={PASSWORD_MAX}
          value={password}
          autoFocus={focusPasswordFirst}
          readOnly={submitting}
          error={fieldErrors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" variant="primary" disabled={submitting} aria-busy={submitting || undefined}>
          {submitting ? t('auth.submitting') : t('auth.submit')}
        </Button>
      </form>
    </main>
  );
}
