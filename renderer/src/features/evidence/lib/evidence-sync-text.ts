import { messagesEn, type MessageKey } from '../../../i18n/messages-en';
import { t } from '../../../i18n/translate';
import { overrideRefusalText } from '../../../lib/override-refusal-text';

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messagesEn, key);
}

/**
 * Reasons whose sentence differs when the hub said them later: the outbox keeps the hub's
 * coded reason but not its details (so no window date), and the hub's own reasons.
 */
const hubOnly: Readonly<Record<string, MessageKey>> = {
  claim_window_closed: 'evidence.syncReason.claimWindowClosed',
  wrong_role: 'evidence.syncReason.wrongRole',
  desktop_mismatch: 'evidence.syncReason.desktopMismatch',
  not_signed_in: 'evidence.syncReason.notSignedIn',
  invalid_input: 'evidence.syncReason.invalidInput',
  // The override rules' sentences for these name amounts, which the outbox does not keep.
  over_request_cap: 'override.sync.overLimit',
  over_daily_total: 'override.sync.overLimit',
  below_legal_amount: 'evidence.syncReason.belowLegalAmount',
};

/**
 * Words the hub's coded reason for refusing a report or a claim this desktop sent
 * (`OperationRefusalReason`): the evidence rules' sentences, then the override rules' (the
 * same reasons, said the same way), else a sentence that names the code.
 */
export function evidenceSyncRefusalText(reason: string | null | undefined, locale: string): string {
  const code = reason ?? '';
  const own = hubOnly[code];
  if (own) return t(own);
  const evidenceKey = `evidence.refusal.${code}`;
  if (isMessageKey(evidenceKey)) return t(evidenceKey, { date: '' });
  if (isMessageKey(`override.refusal.${code}`)) return overrideRefusalText({ code: 'CONFLICT', details: { reason: code } }, 'USD', locale);
  return t('evidence.syncReason.unknown', { reason: code || '?' });
}
