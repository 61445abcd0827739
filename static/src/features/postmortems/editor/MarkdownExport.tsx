import { useEffect, useState } from 'react';

import type { MarkdownExport as Exported } from '@contract/postmortem.contract';
import type { ResolverResult } from '@contract/result';

interface ExportProps {
  readonly id: string;
  /** The view's export (dates en-GB): shown when the viewer's locale is unknown or its export could not be read. */
  readonly markdown: string;
  readonly dirty: boolean;
  // fixes (issue 15): the export in the viewer's locale, read for the saved revision.
  readonly revision?: number;
  readonly locale?: string | undefined;
  readonly load?: ((locale: string) => Promise<ResolverResult<Exported>>) | undefined;
}

/**
 * The saved postmortem as Markdown, to read, select or copy. Its dates read in the viewer's locale,
 * as the page's do: the page asks for the export with its locale, again after each save.
 */
export function MarkdownExport({ id, markdown: fallback, dirty, revision, locale, load }: ExportProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const [localized, setLocalized] = useState<{ readonly revision: number; readonly markdown: string } | 'failed' | null>(null);
  useEffect(() => {
    if (load === undefined || locale === undefined || locale === '' || revision === undefined) return undefined;
    let current = true;
    void load(locale).then(
      (answer) => {
        if (current) setLocalized(answer.ok ? { revision: answer.data.revision, markdown: answer.data.markdown } : 'failed');
      },
      () => {
        if (current) setLocalized('failed');
      },
    );
    return () => {
      current = false;
    };
  }, [load, locale, revision]);
  const waiting = load !== undefined && locale !== undefined && locale !== '' && revision !== undefined && (localized === null || (localized !== 'failed' && localized.revision < revision));
  // Until the viewer's export arrives the view's shows (its dates en-GB), and Copy waits for the right one.
  const markdown = localized !== null && localized !== 'failed' && !waiting ? localized.markdown : fallback;
  // Older hosts and insecure contexts have no clipboard API.
  const canCopy = typeof navigator !== 'undefined' && typeof (navigator as { clipboard?: unknown }).clipboard === 'object';
  return (
    <div className="fb-field" id={id}>
      <label className="fb-label" htmlFor={`${id}-text`}>
        Markdown
      </label>
      {dirty ? <p className="fb-helper">The export shows the saved version; save to include your changes.</p> : null}
      <textarea id={`${id}-text`} className="fb-textarea fb-textarea--readonly fb-pm__markdown" value={markdown} aria-busy={waiting} readOnly rows={12} />
      <div className="fb-actions">
        {canCopy ? (
          <button
            type="button"
            className="fb-button"
            disabled={waiting}
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
