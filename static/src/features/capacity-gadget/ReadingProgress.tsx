import { useId } from 'react';

import { Banner } from '../../ui/Banner';
import { type Reading, readingFailedTitle, readingLabel, readingValueText } from './reading-poll';

/**
 * The background read of a board's large sprints (part "progress", issue 14): a bar while it runs
 * (the gadget asks again on its own and shows the figures when it is done), or what failed with
 * "Try again", which starts the read again.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/meter/ (progressbar: aria-valuenow/min/max, aria-valuetext)
 */
export function ReadingProgress({ reading, explanation, busy, onTryAgain, locale }: { readonly reading: Reading; readonly explanation: string | null; readonly busy: boolean; readonly onTryAgain: () => void; readonly locale: string | undefined }) {
  const labelId = useId();
  if (reading.status === 'failed') {
    return (
      <Banner
        tone="error"
        title={readingFailedTitle(reading, locale)}
        actions={
          <button type="button" className="fb-button" disabled={busy} onClick={onTryAgain}>
            Try again
          </button>
        }
      >
        {explanation ?? reading.reason ?? 'Jira did not answer.'}
      </Banner>
    );
  }
  const percent = reading.total === 0 ? 0 : Math.round((reading.done / reading.total) * 100);
  return (
    <div className="fb-reading">
      <p className="fb-reading__label" id={labelId}>
        {readingLabel(reading, locale)}
      </p>
      <div className="fb-progress" role="progressbar" aria-labelledby={labelId} aria-valuemin={0} aria-valuemax={reading.total} aria-valuenow={reading.done} aria-valuetext={readingValueText(reading, locale)}>
        <div className="fb-progress__done" style={{ width: `${String(percent)}%` }} />
      </div>
      {explanation === null ? null : <p className="fb-empty__hint">{explanation}</p>}
    </div>
  );
}
