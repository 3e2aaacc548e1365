import { useEffect, useRef } from 'react';
import type { PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import { Button } from '../../../components/button';
import { formatNumber } from '../../../lib/format';
import { t } from '../../../i18n/translate';
import { RunOutcomeTable, RunTotalsTable } from './run-figures';

export interface RunConfirmationProps {
  preview: PolicyRunStatus;
  outageTitle: string;
  locale: string;
  onConfirm: () => void;
  onBack: () => void;
}

/**
 * What a run will write, from the preview main just made, before anything is written. Focus
 * moves to its heading when it appears; Escape goes back.
 */
export function RunConfirmation({ preview, outageTitle, locale, onConfirm, onBack }: RunConfirmationProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const count = formatNumber(preview.creditsWritten, locale);
  return (
    <section
      className="policy-run__confirm"
      aria-labelledby="policy-run-confirm-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onBack();
      }}
    >
      <h2 id="policy-run-confirm-title" tabIndex={-1} ref={heading}>
        {t('policyRun.confirm.title', { count })}
      </h2>
      <p>{t('policyRun.confirm.body', { count, title: outageTitle })}</p>
      <RunTotalsTable totals={preview.totals} locale={locale} caption={t('policyRun.confirm.totalsCaption')} />
      {preview.outcomes ? <RunOutcomeTable outcomes={preview.outcomes} locale={locale} caption={t('policyRun.confirm.outcomesCaption')} /> : null}
      <div className="policy-run__actions">
        <Button variant="primary" onClick={onConfirm}>
          {t('policyRun.confirm.write', { count })}
        </Button>
        <Button onClick={onBack}>{t('policyRun.confirm.back')}</Button>
      </div>
    </section>
  );
}
