import type { HubStatus } from '@shared/ipc/hub-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchHubStatus(): Promise<Result<HubStatus>> {
  return callDesk('hubStatus', {});
}

export function enrolDesktop(code: string, name: string): Promise<Result<{ desktopName: string }>> {
  return callDesk('hubEnrol', { code, name });
}
