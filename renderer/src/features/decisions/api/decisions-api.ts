import type { AccountDecisions } from '@shared/ipc/decision-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchAccountDecisions(accountNumber: string): Promise<Result<AccountDecisions>> {
  return callDesk('decisionsForAccount', { accountNumber });
}
