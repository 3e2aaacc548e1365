import { useId, useState } from 'react';
import type { OutageDecision } from '@shared/ipc/decision-channels';
import { customerNotice, type NoticeFacts } from '@shared/notices/customer-notice';
import { customerLanguages, type CustomerLanguage } from '@shared/notices/notice-texts';
import { Button } from '../../../components/button';
import { StatusMessage } from '../../../components/status-message';
import { t } from '../../../i18n/translate';
import { useCopyText } from '../hooks/use-copy-text';

/** Who the notice is for: from the account on screen. */
export interface NoticeCustomer {
  readonly name: string;
  readonly brandName: string;
  readonly preferredLanguage: CustomerLanguage;
}

/** The decision's facts as a notice states them: the amount and bills the answer strip shows. */
export function noticeFacts(entry: OutageDecision, customer: NoticeCustomer): NoticeFacts {
  const { decision, outage } = entry;
  return {
    status: decision?.status ?? 'no_policy',
    amountMinor: !decision ? 0 : decision.status === 'already_credited' ? decision.creditedMinor : decision.amountMinor,
    currency: decision?.currency ?? 'USD',
    billEarliest: decision?.predictedPosting?.earliest ?? null,
    billLatest: decision?.predictedPosting?.latest ?? null,
    outageStartsAt: outage.startsAt,
    delivery: decision?.delivery.mode ?? 'automatic',
    claimUntil: decision?.delivery.claimWindowEndsOn ?? null,
    customerName: customer.name,
    brandName: customer.brandName,
  };
}

/**
 * The SMS and email to send the customer about one decision, in their preferred language by
 * default, with copy buttons. Collapsed: the answer strip stays the first thing on screen.
 */
export function CustomerNotice({ entry, customer }: { entry: OutageDecision; customer: NoticeCustomer }) {
  const [language, setLanguage] = useState<CustomerLanguage>(customer.preferredLanguage);
  const { status: copied, copy, clear } = useCopyText();
  const id = useId();
  const notice = customerNotice(noticeFacts(entry, customer), language);
  const size = notice.smsSize;
  const sizeText =
    size.segments <= 1
      ? t('notice.smsOne', { units: size.units, limit: size.perSegment })
      : t('notice.smsParts', { units: size.units, segments: size.segments, perSegment: size.perSegment, encoding: t(`notice.encoding.${size.encoding}`) });

  return (
    <details className="notice">
      <summary>{t('notice.summary')}</summary>
      <div className="notice__body">
        <label className="notice__language" htmlFor={`${id}-language`}>
          {t('notice.language')}
        </label>
        <select
          id={`${id}-language`}
          value={language}
          onChange={(event) => {
            setLanguage(event.target.value as CustomerLanguage);
            clear();
          }}
        >
          {customerLanguages.map((code) => (
            <option key={code} value={code}>
              {code === customer.preferredLanguage ? t('notice.preferred', { language: t(`notice.language.${code}`) }) : t(`notice.language.${code}`)}
            </option>
          ))}
        </select>
        <div className="notice__part" role="group" aria-labelledby={`${id}-sms`}>
          <p className="notice__title" id={`${id}-sms`}>
            {t('notice.sms')}
          </p>
          <p className="notice__text" lang={language} data-testid="notice-sms">
            {notice.sms}
          </p>
          <p className="notice__size">{sizeText}</p>
          <Button onClick={() => void copy(notice.sms)}>{t('notice.copySms')}</Button>
        </div>
        <div className="notice__part" role="group" aria-labelledby={`${id}-email`}>
          <p className="notice__title" id={`${id}-email`}>
            {t('notice.email')}
          </p>
          <p className="notice__subject" lang={language}>
            <span className="notice__label">{t('notice.subject')}:</span> <span data-testid="notice-subject">{notice.emailSubject}</span>
          </p>
          <p className="notice__text notice__text--email" lang={language} data-testid="notice-email">
            {notice.emailBody}
          </p>
          <Button onClick={() => void copy(`${notice.emailSubject}\n\n${notice.emailBody}`)}>{t('notice.copyEmail')}</Button>
        </div>
        <StatusMessage className="notice__status">{copied}</StatusMessage>
      </div>
    </details>
  );
}
