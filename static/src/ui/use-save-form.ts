import { type RefObject, type SyntheticEvent, useEffect, useRef } from 'react';

export interface SaveForm {
  readonly ref: RefObject<HTMLFormElement | null>;
  readonly onSubmit: (event: SyntheticEvent<HTMLFormElement>) => void;
}

/**
 * The wiring of a form that saves on submit: the browser's own submission is stopped, and when
 * field errors arrive focus moves to the form's first `aria-invalid` control, which announces its
 * error through `aria-describedby`.
 * @param errors the screen's field errors; `null` while there is no form state yet.
 * @param errorPrefix only errors whose key starts with it belong to this form, when several forms
 *   on one page share one error map (`supportCriteria.`).
 */
export function useSaveForm(save: () => void, errors: Readonly<Record<string, string | undefined>> | null, errorPrefix = ''): SaveForm {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (errors !== null && Object.keys(errors).some((key) => key.startsWith(errorPrefix))) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors, errorPrefix]);
  return {
    ref,
    onSubmit: (event) => {
      event.preventDefault();
      save();
    },
  };
}
