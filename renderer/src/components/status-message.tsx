import type { ReactNode } from 'react';

export interface StatusMessageProps {
  children: ReactNode;
  className?: string;
}

/**
 * A polite live region: screen readers announce changes without moving focus. It stays
 * mounted while its text changes, because a region that appears with its text is often missed.
 */
export function StatusMessage({ children, className }: StatusMessageProps) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={className}>
      {children}
    </div>
  );
}
