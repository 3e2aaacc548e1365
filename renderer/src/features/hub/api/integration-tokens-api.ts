import type { CreateIntegrationTokenResponse, IntegrationTokenView } from '@shared/hub/screen-pop';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchIntegrationTokens(): Promise<Result<IntegrationTokenView[]>> {
  return callDesk('hubIntegrationTokensList', {});
}

export function createIntegrationToken(label: string): Promise<Result<CreateIntegrationTokenResponse>> {
  return callDesk('hubIntegrationTokenCreate', { label });
}

export function revokeIntegrationToken(id: number): Promise<Result<IntegrationTokenView>> {
  return callDesk('hubIntegrationTokenRevoke', { id });
}
