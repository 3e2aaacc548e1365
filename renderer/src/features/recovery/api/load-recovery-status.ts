import { callDesk } from '../../../lib/desk-client';
import { useRecoveryStore } from '../stores/recovery-store';

/**
 * Asks main at start whether the database passed its check. Any failure leaves the normal
 * screens up: main refuses every other channel in recovery mode anyway.
 */
export async function loadRecoveryStatus(): Promise<void> {
  const result = await callDesk('recoveryStatus', {});
  const store = useRecoveryStore.getState();
  if (result.ok && result.value.mode === 'recovery') store.enteredRecovery(result.value);
  else store.healthy();
}
