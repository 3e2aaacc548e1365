import type { EligibilityChip as Chip } from '@shared/ipc/search-channels';
import { Badge } from '../../../components/badge';
import { t } from '../../../i18n/translate';
import { decisionTone } from '../../../lib/decision-tone';
import { formatMoney } from '../../../lib/format';

/** A result's answer for the active outage: the status in words, and the amount where there is one. */
export function EligibilityChip({ chip, locale }: { chip: Chip; locale: string }) {
  const prefix = t('search.chipPrefix');
  if (chip.status === 'not_affected' || chip.status === 'no_policy') {
    return (
      <Badge tone="neutral" srPrefix={prefix}>
        {t(`search.chip.${chip.status}`)}
      </Badge>
    );
  }
  const words = t(`decision.status.${chip.status}`);
  const withAmount =
    chip.amount && chip.amount.minor > 0 && (chip.status === 'eligible' || chip.status === 'already_credited')
      ? t('search.chipWithAmount', { status: words, amount: formatMoney(chip.amount.minor, chip.amount.currency, locale) })
      : words;
  return (
    <Badge tone={decisionTone[chip.status]} srPrefix={prefix}>
      {withAmount}
    </Badge>
  );
}
