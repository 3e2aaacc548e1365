import './badge.css';

/** Tone adds colour; the text always carries the meaning, so nothing depends on colour alone. */
export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export interface BadgeProps {
  tone?: BadgeTone;
  children: string;
  /** Extra words for screen readers, e.g. the field name ("Status: Suspended"). */
  srPrefix?: string;
}

export function Badge({ tone = 'neutral', children, srPrefix }: BadgeProps) {
  return (
    <span className={`badge badge--${tone}`}>
      {srPrefix ? <span className="visually-hidden">{srPrefix} </span> : null}
      {children}
    </span>
  );
}
