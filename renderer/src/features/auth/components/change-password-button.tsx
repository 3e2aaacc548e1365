import { useEffect, useRef, useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { t } from '../../../i18n/translate';
import { ChangePasswordForm } from './change-password-form';
import './change-password.css';

/** The header's "Change password": a panel under the header with the form, closed with Escape or Cancel. */
export function ChangePasswordButton() {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <span className="change-password">
      <button
        ref={buttonRef}
        type="button"
        className="change-password__toggle"
        aria-expanded={open}
        aria-controls="change-password-panel"
        onClick={() => {
          setSaved(false);
          setOpen(!open);
        }}
      >
        {t('password.change')}
      </button>
      {open ? (
        <section id="change-password-panel" className="change-password__panel" aria-labelledby="change-password-title">
          <h2 id="change-password-title" className="change-password__title">
            {t('password.changeTitle')}
          </h2>
          <ChangePasswordForm
            titleId="change-password-title"
            onDone={() => {
              setSaved(true);
              close();
            }}
            onCancel={close}
          />
        </section>
      ) : null}
      <StatusMessage className="visually-hidden">{saved ? t('password.saved') : null}</StatusMessage>
    </span>
  );
}
