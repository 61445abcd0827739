import type { ReactNode } from 'react';

import { FieldError, describedBy } from './FieldMessages';

/** What a field's control carries: its id, and the attributes that tie the hint and error to it. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
}

/**
 * A labelled control with its hint and its error under it. The caller draws the control (input,
 * select, textarea) from `control`, so the ids behind `aria-describedby` are made in one place.
 */
export function Field({
  id,
  label,
  hint,
  hintClass = 'fb-helper',
  hintAbove = false,
  error,
  advice,
  className,
  children,
}: {
  /** The control's id; the hint's and the error's are made from it. */
  readonly id: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  /** `fb-meta` for a quieter line (an id, a count). */
  readonly hintClass?: 'fb-helper' | 'fb-meta';
  /** The hint between the label and the control, for a prompt that should be read before answering. */
  readonly hintAbove?: boolean;
  readonly error: string | undefined;
  /** Advice that never blocks (the blameless hints), drawn under the control from the id the control is described by. */
  readonly advice?: (id: string) => ReactNode;
  /** Another class beside `fb-field`. */
  readonly className?: string;
  readonly children: (control: ControlProps) => ReactNode;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const adviceId = `${id}-advice`;
  const hintLine =
    hint === undefined ? null : (
      <p className={hintClass} id={hintId}>
        {hint}
      </p>
    );
  return (
    <div className={className === undefined ? 'fb-field' : `fb-field ${className}`}>
      <label className="fb-label" htmlFor={id}>
        {label}
      </label>
      {hintAbove ? hintLine : null}
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': describedBy(hint !== undefined && hintId, error !== undefined && errorId, advice !== undefined && adviceId) })}
      {hintAbove ? null : hintLine}
      <FieldError id={errorId} message={error} />
      {advice?.(adviceId)}
    </div>
  );
}

/** A one-line text box for ids, keys and clauses (no spell check). */
export function TextField({
  id,
  label,
  hint,
  maxLength,
  value,
  error,
  disabled,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly maxLength?: number;
  readonly value: string;
  readonly error: string | undefined;
  readonly disabled?: boolean | undefined;
  readonly onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <input {...control} className="fb-input" type="text" value={value} maxLength={maxLength} spellCheck={false} disabled={disabled} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}
