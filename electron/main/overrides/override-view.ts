import type { OverrideRequestView, OverrideSettings } from '@shared/domain/override';
import { toOverrideView as sharedView } from '@shared/domain/override-view';
import type { OverrideRow } from './override-repo';

export { overrideAuditSnapshot } from '@shared/domain/override-view';

/** The shared view of a request, plus where it stands with the hub on a desktop that has one. */
export function toOverrideView(row: OverrideRow, settings: OverrideSettings): OverrideRequestView {
  return { ...sharedView(row, settings), ...(row.syncState ? { syncState: row.syncState, syncRefusal: row.syncRefusal } : {}) };
}
