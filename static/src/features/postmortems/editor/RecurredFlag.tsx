import type { Postmortem } from '@contract/postmortem.contract';

import { formatAbsolute } from '../../../shared/time';
import { Banner } from '../../../ui/Banner';
import { IssueLink } from '../IssueLink';

type Recurrence = NonNullable<Postmortem['recurrences']>[number];

/**
 * guards (issue 15): "Recurred": the incidents that arrived on the same product/module or customer
 * within the project's window after this postmortem's incident, as the recurrence watch recorded them.
 */
export function RecurredFlag({ recurrences, locale, timezone }: { readonly recurrences: readonly Recurrence[]; readonly locale: string | undefined; readonly timezone: string | undefined }) {
  if (recurrences.length === 0) return null;
  return (
    <div data-recurred>
      <Banner tone="warning" title="Recurred">
        <ul className="fb-list">
          {recurrences.map((recurrence) => (
            <li key={recurrence.issueKey}>
              <IssueLink issueKey={recurrence.issueKey} /> on the same {recurrence.matchedOn === 'product' ? 'product/module' : 'customer'} ({recurrence.value}), {formatAbsolute(recurrence.detectedAt, locale, timezone)}
            </li>
          ))}
        </ul>
        <p className="fb-helper">Check whether this postmortem’s actions addressed the cause.</p>
      </Banner>
    </div>
  );
}
