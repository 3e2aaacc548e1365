import { useState } from 'react';
import { Button } from '../../../components/button';
import { t } from '../../../i18n/translate';
import { signOut } from '../stores/session-actions';

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  async function handleClick() {
    setBusy(true);
    await signOut();
  }
  return (
    <Button variant="ghost" className="sign-out" onClick={handleClick} disabled={busy}>
      {busy ? t('app.signingOut') : t('app.signOut')}
    </Button>
  );
}
