import type { OverrideQueueItem } from '@shared/ipc/override-channels';

export type QueueSort = 'age' | 'expiry';

/** The queue as shown: one outage or all, oldest filed first or soonest to expire first (ties by id). */
export function orderQueue(items: readonly OverrideQueueItem[], outageId: number | null, sort: QueueSort): OverrideQueueItem[] {
  const key = sort === 'age' ? (item: OverrideQueueItem) => item.request.createdAt : (item: OverrideQueueItem) => item.request.expiresAt;
  return items
    .filter((item) => outageId === null || item.request.outageId === outageId)
    .sort((a, b) => key(a).localeCompare(key(b)) || a.request.id.localeCompare(b.request.id));
}

/** The outages the loaded requests are about, by title, for the outage filter. */
export function queueOutages(items: readonly OverrideQueueItem[]): { id: number; title: string }[] {
  const byId = new Map<number, string>();
  for (const item of items) byId.set(item.request.outageId, item.request.outageTitle);
  return [...byId].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id);
}
