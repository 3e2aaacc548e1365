import { useEffect } from 'react';

export interface GlobalShortcutActions {
  /** `/` or Ctrl+K: go to the search box from anywhere. */
  focusSearch: () => void;
  /** Escape or Alt+ArrowLeft in the account view: back to the results. */
  back: (() => void) | null;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number', '']);

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

function plain(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey;
}

/**
 * App-wide keys. `/` and Escape are left alone while the operator is typing in a field
 * (a slash can be part of what they type; Escape belongs to the field); Ctrl+K and
 * Alt+ArrowLeft are chords nobody types by accident, so they work everywhere.
 */
export function useGlobalShortcuts(actions: GlobalShortcutActions | null): void {
  useEffect(() => {
    if (!actions) return;
    const { focusSearch, back } = actions;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const ctrlK = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && plain(event) && !isTextEntry(event.target);
      if (ctrlK || slash) {
        event.preventDefault();
        focusSearch();
        return;
      }
      if (!back) return;
      const escape = event.key === 'Escape' && plain(event) && !event.shiftKey && !isTextEntry(event.target);
      const altLeft = event.key === 'ArrowLeft' && event.altKey && !event.ctrlKey && !event.metaKey;
      if (escape || altLeft) {
        event.preventDefault();
        back();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions]);
}
