import type { AccountDecisions } from '@shared/ipc/decision-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchAccountDecisions(accountNumber: string): Promise<Result<AccountDecisions>> {
  return callDesk('decisionsForAccount', { accountNumber });
}

/** Puts a notice on the system clipboard, through main (the window has no clipboard permission). */
export function copyToClipboard(text: string): Promise<Result<Record<string, never>>> {
  return callDesk('clipboardWriteText', { text });
}
