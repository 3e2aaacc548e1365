import type { Result } from '@shared/ipc/result';
import type { ScreenPopEvent } from '@shared/ipc/screen-pop-channels';
import { callDesk } from '../../../lib/desk-client';

/** Waits in main for the next link the phone system opened; null when none came in time. */
export function nextScreenPop(): Promise<Result<{ event: ScreenPopEvent | null }>> {
  return callDesk('screenPopNext', {});
}
