import { Field } from './Field';

/**
 * The text box of an "Add …" row inside a form saved as a whole: Enter adds what was typed
 * (`onAdd`) instead of submitting the whole form.
 */
export function AddField({
  id,
  label,
  value,
  error,
  disabled,
  onChange,
  onAdd,
}: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly error: string | null;
  readonly disabled?: boolean;
  readonly onChange: (value: string) => void;
  readonly onAdd: () => void;
}) {
  return (
    <Field id={id} label={label} error={error ?? undefined}>
      {(control) => (
        <input
          {...control}
          className="fb-input"
          type="text"
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onAdd();
            }
          }}
        />
      )}
    </Field>
  );
}
