import { useEffect, useState } from 'react';

import { WarningIcon } from '../../../ui/icons';
import { BLAME_HINT_PAUSE_MS, blameHintLines } from '../blame-hint';

/**
 * The blameless hints under one text field, as the person types. A polite live region that is always
 * in the page (a region added with its content is often not announced), named by the field's
 * `aria-describedby`; it only suggests, never blocks the field and never changes its text.
 * @see https://www.w3.org/WAI/WCAG22/Techniques/aria/ARIA22 (role="status" for advisory messages)
 */
export function BlameHint({ id, text }: { readonly id: string; readonly text: string }) {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(text), BLAME_HINT_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  const lines = blameHintLines(text, settled);
  return (
    <div id={id} className="fb-field-warning fb-blame-hint" role="status">
      {lines.map((line) => (
        <p key={line.phrase}>
          <WarningIcon />
          <span>
            <span className="fb-visually-hidden">Blame phrasing hint: </span>
            {line.sentence}
          </span>
        </p>
      ))}
    </div>
  );
}
