import { useId } from 'react';

import type { MergeConflict } from '../postmortem-merge';
import { EDITOR_COPY } from '../postmortem-editor.state';

/** The person's own text for fields that someone else changed too, kept read-only so nothing typed is lost. */
export function StrandedEdits({ conflicts, onDismiss }: { readonly conflicts: readonly MergeConflict[]; readonly onDismiss: () => void }) {
  const id = useId();
  return (
    <section className="fb-stranded" aria-labelledby={`${id}-hint`}>
      <p className="fb-note" id={`${id}-hint`}>
        {EDITOR_COPY.strandedHint}
      </p>
      {conflicts.map((conflict, index) => (
        <div key={`${conflict.label}-${String(index)}`} className="fb-field">
          <label className="fb-label" htmlFor={`${id}-${String(index)}`}>
            {EDITOR_COPY.strandedLabel(conflict.label)}
          </label>
          <textarea id={`${id}-${String(index)}`} className="fb-textarea fb-textarea--readonly" value={conflict.mine} readOnly rows={Math.min(6, Math.max(2, conflict.mine.split('\n').length))} />
        </div>
      ))}
      <div className="fb-actions">
        <button type="button" className="fb-button fb-button--subtle" onClick={onDismiss}>
          Dismiss your unsaved text
        </button>
      </div>
    </section>
  );
}
