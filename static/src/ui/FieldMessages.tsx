import { ErrorIcon, WarningIcon } from './icons';

/**
 * The lines under a form control: the error that blocks saving, and warnings that do not (a
 * placeholder answer). Each carries the id the control names in `aria-describedby`.
 */
export function FieldError({ id, message }: { readonly id: string; readonly message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p className="fb-field-error" id={id} role="alert">
      <ErrorIcon />
      {message}
    </p>
  );
}

export function FieldWarnings({ id, messages }: { readonly id: string; readonly messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="fb-field-warning" id={id}>
      {messages.map((message) => (
        <p key={message}>
          <WarningIcon />
          {message}
        </p>
      ))}
    </div>
  );
}

/** Joins the ids of the descriptions that are shown; `undefined` when none is. */
export const describedBy = (...ids: ReadonlyArray<string | false | null | undefined>): string | undefined => {
  const shown = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return shown.length === 0 ? undefined : shown.join(' ');
};
