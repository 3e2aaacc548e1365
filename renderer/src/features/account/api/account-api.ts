import type { AccountDetail } from '@shared/domain/account';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchAccount(accountNumber: string): Promise<Result<AccountDetail>> {
  return callDesk('accountsGet', { accountNumber });
}
