import type { ControlProps } from './Field';

/**
 * A drop-down of fixed choices inside a `Field`. `onChange` gets the chosen option's value with its
 * own type: the browser can only hand back one of the `options` it was given.
 */
export function Select<V extends string>({
  control,
  value,
  options,
  disabled,
  onChange,
}: {
  readonly control: ControlProps;
  readonly value: V;
  readonly options: ReadonlyArray<{ readonly value: V; readonly label: string }>;
  readonly disabled: boolean;
  readonly onChange: (value: V) => void;
}) {
  return (
    <select {...control} className="fb-select" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as V)}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
