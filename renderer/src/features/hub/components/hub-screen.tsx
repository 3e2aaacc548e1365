import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { ErrorBanner } from '../../../components/error-banner';
import { PageTitle } from '../../../components/page-title';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { errorMessage, t } from '../../../i18n/translate';
import { formatDateTime } from '../../../lib/format';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useHubStore } from '../stores/hub-store';
import { IntegrationTokens } from './integration-tokens';

/** The admin's view of this desktop's hub: standalone, or enrolled and in sync, and the enrolment. */
export function HubScreen() {
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const { status, failure, enrolling, enrolledAs, load, enrol } = useHubStore();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');

  useEffect(() => {
    void load();
  }, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (enrolling) return;
    if (await enrol(code.trim().toUpperCase(), name.trim())) setCode('');
  }

  return (
    <section className="panel hub-screen" aria-labelledby="hub-title">
      <PageTitle id="hub-title">{t('hub.title')}</PageTitle>
      {failure ? <ErrorBanner>{errorMessage(failure.code)}</ErrorBanner> : null}
      <StatusMessage>{enrolledAs ? t('hub.enrolled', { name: enrolledAs }) : ''}</StatusMessage>
      {status === null ? (
        <p>{t('hub.loading')}</p>
      ) : status.mode === 'standalone' ? (
        <p data-testid="hub-mode">{t('hub.standalone')}</p>
      ) : status.mode === 'invalid_config' ? (
        <p data-testid="hub-mode">{t('hub.invalidConfig')}</p>
      ) : (
        <>
          <dl className="hub-screen__facts" data-testid="hub-mode">
            <dt>{t('hub.desktop')}</dt>
            <dd>{status.enrolled ? (status.desktopName ?? '') : t('hub.notEnrolled')}</dd>
            <dt>{t('hub.connection')}</dt>
            <dd>{status.online ? t('hub.online') : t('hub.offline')}</dd>
            <dt>{t('hub.pending')}</dt>
            <dd>{t('hub.pendingCount', { count: status.pendingOperations })}</dd>
            {status.archive ? (
              <>
                <dt>{t('hub.archive')}</dt>
                <dd data-testid="hub-archive">
                  {t('hub.archiveText', {
                    requests: status.archive.overrideRequests,
                    events: status.archive.auditEvents,
                    date: formatDateTime(status.archive.archivedAt, locale, timeZone),
                  })}{' '}
                  <code className="hub-screen__path">{status.archive.path}</code>
                </dd>
              </>
            ) : null}
          </dl>
          {!status.enrolled ? (
            <form aria-labelledby="hub-enrol-title" onSubmit={(event) => void submit(event)} noValidate>
              <h2 id="hub-enrol-title">{t('hub.enrolTitle')}</h2>
              <p>{t('hub.enrolIntro')}</p>
              <TextField label={t('hub.code')} hint={t('hub.codeHint')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
              <TextField label={t('hub.name')} hint={t('hub.nameHint')} value={name} onChange={(e) => setName(e.target.value)} />
              <Button type="submit" variant="primary" disabled={enrolling}>
                {enrolling ? t('hub.enrolling') : t('hub.enrol')}
              </Button>
            </form>
          ) : (
            <IntegrationTokens />
          )}
        </>
      )}
    </section>
  );
}
