import { useState } from 'react';

/** The saved postmortem as Markdown, to read, select or copy. */
export function MarkdownExport({ id, markdown, dirty }: { readonly id: string; readonly markdown: string; readonly dirty: boolean }) {
  const [copied, setCopied] = useState<string | null>(null);
  // Older hosts and insecure contexts have no clipboard API.
  const canCopy = typeof navigator !== 'undefined' && typeof (navigator as { clipboard?: unknown }).clipboard === 'object';
  return (
    <div className="fb-field" id={id}>
      <label className="fb-label" htmlFor={`${id}-text`}>
        Markdown
      </label>
      {dirty ? <p className="fb-helper">The export shows the saved version; save to include your changes.</p> : null}
      <textarea id={`${id}-text`} className="fb-textarea fb-textarea--readonly fb-pm__markdown" value={markdown} readOnly rows={12} />
      <div className="fb-actions">
        {canCopy ? (
          <button
            type="button"
            className="fb-button"
            onClick={() => {
              navigator.clipboard.writeText(markdown).then(
                () => setCopied('Markdown copied.'),
                () => setCopied('Could not copy: select the text and copy it yourself.'),
              );
            }}
          >
            Copy Markdown
          </button>
        ) : (
          <span className="fb-helper">Select the text and copy it.</span>
        )}
        <span className="fb-meta" role="status">
          {copied}
        </span>
      </div>
    </div>
  );
}
