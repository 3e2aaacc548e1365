import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { DESK_GLOBAL } from '@shared/ipc/api';
import { useAccountStore } from '../features/account/stores/account-store';
import { useEligibilityStore } from '../features/search/stores/eligibility-store';
import { usePendingCountStore } from '../features/approvals/stores/pending-count-store';
import { useSearchStore } from '../features/search/stores/search-store';
import { useSessionStore } from '../stores/session-store';
import { applyInterfaceLanguage } from '../i18n/interface-language';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  useSessionStore.getState().reset();
  // A test that switched to Dutch must not leave the next one reading Dutch.
  applyInterfaceLanguage('en-US');
  useSearchStore.getState().reset();
  useEligibilityStore.getState().reset();
  usePendingCountStore.getState().reset();
  useAccountStore.getState().reset();
  delete (globalThis as Record<string, unknown>)[DESK_GLOBAL];
  vi.useRealTimers();
  vi.restoreAllMocks();
});
