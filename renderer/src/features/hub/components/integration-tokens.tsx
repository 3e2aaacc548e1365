import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { TextField } from '../../../components/text-field';
import { errorMessage, t } from '../../../i18n/translate';
import { formatDateTime } from '../../../lib/format';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useIntegrationTokensStore } from '../stores/integration-tokens-store';
import './integration-tokens.css';

/** The phone system's screen-pop tokens at the hub: made (the token shown once), listed, revoked. */
export function IntegrationTokens() {
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const { tokens, failure, busy, created, load, create, revoke, dismissCreated } = useIntegrationTokensStore();
  const [label, setLabel] = useState('');

  useEffect(() => {
    void load();
  }, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || label.trim() === '') return;
    if (await create(label.trim())) setLabel('');
  }

  return (
    <section aria-labelledby="hub-integrations-title" className="hub-screen__integrations">
      <h2 id="hub-integrations-title">{t('integrations.title')}</h2>
      <p>{t('integrations.intro')}</p>
      {failure ? <ErrorBanner>{errorMessage(failure.code)}</ErrorBanner> : null}
      {created ? (
        <div role="status" className="hub-screen__new-token" data-testid="integration-new-token">
          <p>{t('integrations.createdOnce', { label: created.label })}</p>
          <code className="hub-screen__path" data-testid="integration-token-value">
            {created.token}
          </code>{' '}
          <Button onClick={dismissCreated}>{t('integrations.dismiss')}</Button>
        </div>
      ) : null}
      {tokens === null ? null : tokens.length === 0 ? (
        <p>{t('integrations.none')}</p>
      ) : (
        <table className="hub-screen__tokens" data-testid="integration-tokens">
          <thead>
            <tr>
              <th scope="col">{t('integrations.col.label')}</th>
              <th scope="col">{t('integrations.col.createdBy')}</th>
              <th scope="col">{t('integrations.col.lastUsed')}</th>
              <th scope="col">{t('integrations.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.label}</td>
                <td>{t('integrations.createdByOn', { who: token.createdBy, date: formatDateTime(token.createdAt, locale, timeZone) })}</td>
                <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale, timeZone) : t('integrations.neverUsed')}</td>
                <td>
                  {token.revokedAt ? (
                    t('integrations.revokedOn', { date: formatDateTime(token.revokedAt, locale, timeZone) })
                  ) : (
                    <Button onClick={() => void revoke(token.id)} disabled={busy} aria-label={t('integrations.revokeNamed', { label: token.label })}>
                      {t('integrations.revoke')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form aria-labelledby="hub-integration-create-title" onSubmit={(event) => void submit(event)} noValidate>
        <h3 id="hub-integration-create-title">{t('integrations.createTitle')}</h3>
        <TextField label={t('integrations.label')} hint={t('integrations.labelHint')} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} />
        <Button type="submit" variant="primary" disabled={busy || label.trim() === ''}>
          {t('integrations.create')}
        </Button>
      </form>
    </section>
  );
}
