import type { EvidenceSyncState } from '@shared/domain/fault-report';
import { Badge } from '../../../components/badge';
import { t } from '../../../i18n/translate';
import { evidenceSyncRefusalText } from '../lib/evidence-sync-text';

export interface EvidenceSyncNoteProps {
  /** Absent: a standalone desktop, or a row recorded before this desktop joined a hub (never sent). */
  syncState?: EvidenceSyncState | undefined;
  syncRefusal?: string | null | undefined;
  locale: string;
}

/**
 * Where a report or claim this desktop recorded stands with the hub: waiting in the outbox,
 * at the hub, or refused by it with the reason in words. The badge's text carries the
 * meaning (colour only adds to it), in both themes through the badge tokens.
 */
export function EvidenceSyncNote({ syncState, syncRefusal, locale }: EvidenceSyncNoteProps) {
  if (!syncState) return null;
  if (syncState === 'pending_sync') {
    return (
      <span className="evidence__sync" data-testid="evidence-sync" data-sync-state="pending_sync">
        <Badge tone="info">{t('evidence.sync.pending')}</Badge> {t('evidence.sync.pendingHint')}
      </span>
    );
  }
  if (syncState === 'synced') {
    return (
      <span className="evidence__sync" data-testid="evidence-sync" data-sync-state="synced">
        <Badge tone="success">{t('evidence.sync.synced')}</Badge>
      </span>
    );
  }
  return (
    <span className="evidence__sync" data-testid="evidence-sync" data-sync-state="refused">
      <Badge tone="danger">{t('evidence.sync.refused')}</Badge> {evidenceSyncRefusalText(syncRefusal, locale)}
    </span>
  );
}
