import type { MouseEvent } from 'react';

import { ErrorIcon } from '../../ui/icons';
import { summarizePolicyErrors } from './policy-errors';
import type { PolicyDraft } from './policy-form';

/**
 * Beside Save: every error the form holds, in the form's order, each a link that moves focus to its
 * control (which carries the error's key as `data-field`). A long policy page otherwise leaves the
 * admin at its foot with a refused save and no idea where to look.
 * @see https://design-system.service.gov.uk/components/error-summary/
 */
export function PolicyErrorSummary({ errors, draft }: { readonly errors: Readonly<Record<string, string>>; readonly draft: Pick<PolicyDraft, 'levels'> }) {
  const listed = summarizePolicyErrors(errors, draft);
  if (listed.length === 0) return null;
  const jump = (event: MouseEvent<HTMLAnchorElement>, key: string) => {
    event.preventDefault();
    const control = event.currentTarget.closest('form')?.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`);
    control?.scrollIntoView({ block: 'center' });
    control?.focus();
  };
  return (
    <div className="fb-error-summary" role="alert">
      <p className="fb-error-summary__title">
        <ErrorIcon />
        {listed.length === 1 ? 'One thing stops this policy from saving:' : `${String(listed.length)} things stop this policy from saving:`}
      </p>
      <ul className="fb-error-summary__list">
        {listed.map((error) => (
          <li key={error.key}>
            <a href={`#${error.key}`} onClick={(event) => jump(event, error.key)}>
              {error.label}
            </a>
            : {error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
