import { type RefObject, type SyntheticEvent, useEffect, useRef } from 'react';

export interface SaveForm {
  readonly ref: RefObject<HTMLFormElement | null>;
  readonly onSubmit: (event: SyntheticEvent<HTMLFormElement>) => void;
}

/**
 * The wiring of a form that saves on submit: the browser's own submission is stopped, and when
 * field errors arrive focus moves to the form's first `aria-invalid` control, which announces its
 * error through `aria-describedby`.
 * @param errors the form's field errors; `null` while there is no form state yet.
 */
export function useSaveForm(save: () => void, errors: Readonly<Record<string, string | undefined>> | null): SaveForm {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (errors !== null && Object.keys(errors).length > 0) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  return {
    ref,
    onSubmit: (event) => {
      event.preventDefault();
      save();
    },
  };
}
