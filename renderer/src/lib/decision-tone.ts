import type { DecisionStatus } from '@shared/policy/decision';
import type { BadgeTone } from '../components/badge';

/** The colour of a decision status wherever it is shown (the text always carries the meaning). */
export const decisionTone: Record<DecisionStatus, BadgeTone> = {
  eligible: 'success',
  not_eligible: 'danger',
  already_credited: 'info',
  needs_review: 'warning',
};
