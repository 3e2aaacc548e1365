import type { DecisionStatus } from '@shared/policy/decision';
import { Badge, type BadgeTone } from '../../../components/badge';
import { t } from '../../../i18n/translate';

const tone: Record<DecisionStatus, BadgeTone> = {
  eligible: 'success',
  not_eligible: 'danger',
  already_credited: 'info',
  needs_review: 'warning',
};

export function DecisionStatusBadge({ status }: { status: DecisionStatus }) {
  return (
    <Badge tone={tone[status]} srPrefix={t('decision.statusPrefix')}>
      {t(`decision.status.${status}`)}
    </Badge>
  );
}
