import type { ReactNode } from 'react';
import './error-banner.css';

export interface ErrorBannerProps {
  children: ReactNode;
  action?: ReactNode;
  /** 'warning' for expected states (a locked session), 'error' for failures. */
  tone?: 'error' | 'warning';
}

/** role="alert" so the message is announced the moment it appears. */
export function ErrorBanner({ children, action, tone = 'error' }: ErrorBannerProps) {
  return (
    <div role="alert" className={`banner banner--${tone}`}>
      <div className="banner__text">{children}</div>
      {action ? <div className="banner__action">{action}</div> : null}
    </div>
  );
}
