import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';
// Drawn by text-field.css's `select.field__input` rules, the same as every drop-down in the app.
import './text-field.css';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  hint?: string;
  children: ReactNode;
}

/** A labelled drop-down in the app's own style (both themes), with an optional hint under it. */
export function SelectField({ label, hint, className, children, ...rest }: SelectFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="field__input" aria-describedby={hintId} {...rest}>
        {children}
      </select>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
