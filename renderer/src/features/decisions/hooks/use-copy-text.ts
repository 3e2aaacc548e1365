import { useCallback, useState } from 'react';
import { errorMessage, t } from '../../../i18n/translate';
import { copyToClipboard } from '../api/decisions-api';

/** Copies text through main and keeps the sentence that says how it went (for a live region). */
export function useCopyText(): { status: string; copy: (text: string) => Promise<void>; clear: () => void } {
  const [status, setStatus] = useState('');
  const copy = useCallback(async (text: string) => {
    const result = await copyToClipboard(text);
    setStatus(result.ok ? t('notice.copied') : t('notice.copyFailed', { reason: errorMessage(result.error.code) }));
  }, []);
  const clear = useCallback(() => setStatus(''), []);
  return { status, copy, clear };
}
