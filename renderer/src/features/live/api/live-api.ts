import type { LiveChange } from '@shared/ipc/live-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

/** Waits in main until its data version passes `afterVersion` (null: answers at once). */
export function nextChange(afterVersion: number | null): Promise<Result<LiveChange>> {
  return callDesk('changesNext', { afterVersion });
}
