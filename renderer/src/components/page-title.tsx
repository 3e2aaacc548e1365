import type { ReactNode } from 'react';
import './page-title.css';

/** The one heading of a workspace screen: the same level, size and spacing on every screen. */
export function PageTitle({ id, children }: { id: string; children: ReactNode }) {
  return (
    <h1 id={id} className="page-title">
      {children}
    </h1>
  );
}
