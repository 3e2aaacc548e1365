import type { AuditEventView } from '@shared/ipc/audit-channels';
import { t } from '../../../i18n/translate';
import { formatDateTime } from '../../../lib/format';
import { auditChanges } from '../lib/audit-changes';
import { auditSentenceText } from '../lib/audit-sentence';

export interface AuditEventItemProps {
  event: AuditEventView;
  locale: string;
  timeZone: string;
}

/** One event: when, the sentence of what happened, and what changed as before and after. */
export function AuditEventItem({ event, locale, timeZone }: AuditEventItemProps) {
  const changes = auditChanges(event, locale);
  const isChange = event.before !== null && event.after !== null;
  const sentenceId = `audit-event-${event.seq}`;
  return (
    <li className="audit-event" data-testid="audit-event" aria-labelledby={sentenceId}>
      <time className="audit-event__time" dateTime={event.at}>
        {formatDateTime(event.at, locale, timeZone)}
      </time>
      <div className="audit-event__body">
        <p className="audit-event__sentence" id={sentenceId}>
          {auditSentenceText(event, locale)}
        </p>
        {changes.length > 0 ? (
          <details className="audit-event__changes" open={isChange}>
            <summary>{t(isChange ? 'audit.changes' : 'audit.recorded')}</summary>
            <table className="audit-event__table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.change.field')}</th>
                  {isChange || event.after === null ? <th scope="col">{t('audit.change.before')}</th> : null}
                  {event.after !== null ? <th scope="col">{t('audit.change.after')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
                  <tr key={change.field}>
                    <th scope="row">{change.label}</th>
                    {isChange || event.after === null ? <td className="audit-event__before">{change.before ?? '—'}</td> : null}
                    {event.after !== null ? <td>{change.after ?? '—'}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ) : null}
        <p className="audit-event__reference">{t('audit.reference', { seq: event.seq, target: event.target })}</p>
      </div>
    </li>
  );
}
