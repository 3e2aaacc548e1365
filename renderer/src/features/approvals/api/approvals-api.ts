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

export function decideOverride(input: OverrideDecisionInput): Promise<Result<OverrideRequestView>> {
  return callDesk('overridesDecide', input);
}
