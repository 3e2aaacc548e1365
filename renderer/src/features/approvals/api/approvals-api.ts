import type { OverrideRequestView } from '@shared/domain/override';
import type { ChannelInput } from '@shared/ipc/channels';
import type { OverrideQueueItem } from '@shared/ipc/override-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export type QueueQuery = ChannelInput<'overridesQueue'>;
export type OverrideDecisionInput = ChannelInput<'overridesDecide'>;

export function fetchApprovalQueue(query: QueueQuery): Promise<Result<OverrideQueueItem[]>> {
  return callDesk('overridesQueue', query);
}

/** Asks main to show a desktop notification (main folds a burst into one). */
export function notifyDesktop(title: string, body: string): Promise<Result<{ shown: boolean }>> {
  return callDesk('notifyDesktop', { title, body });
}

export function decideOverride(input: OverrideDecisionInput): Promise<Result<OverrideRequestView>> {
  return callDesk('overridesDecide', input);
}
