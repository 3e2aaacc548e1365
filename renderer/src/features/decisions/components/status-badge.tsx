import type { DecisionStatus } from '@shared/policy/decision';
import { Badge } from '../../../components/badge';
import { t } from '../../../i18n/translate';
import { decisionTone } from '../../../lib/decision-tone';

export function DecisionStatusBadge({ status }: { status: DecisionStatus }) {
  return (
    <Badge tone={decisionTone[status]} srPrefix={t('decision.statusPrefix')}>
      {t(`decision.status.${status}`)}
    </Badge>
  );
}
