import { useState, useCallback } from 'react';

import type { AppPageIds } from '@contract/postmortem.contract';

import { useLatestLoad } from '../../app/use-latest-load';
import type { CallResolver } from '../../api/client';
import { loadAppContext } from '../../platform/context';
import { navigateJira } from '../../platform/router';
import { type PostmortemForIssue, postmortemLineOf, postmortemLocationFor, postmortemUrlFor, recurrenceSentence } from './postmortem-line';

/**
 * A small "Postmortem" line under the report, asked for only once the report has loaded (so the
 * panel's first paint does not wait for it). Failing to load it hides the line: it is an extra.
 */
export function PostmortemLine({ issueKey, callResolver }: { readonly issueKey: string; readonly callResolver: CallResolver }) {
  const [found, setFound] = useState<PostmortemForIssue | null>(null);
  const [appPage, setAppPage] = useState<AppPageIds | null>(null);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => callResolver('postmortem/forIssue', { issueKey }), [callResolver, issueKey]);
  useLatestLoad(load, (result) => {
    if (!result.ok) return;
    setFound(result.data);
    setAppPage(result.data.appPage);
  });

  if (found === null) return null;
  const line = postmortemLineOf(found);
  const recurrence = found.recurrenceOf ?? null;
  if (line.kind === 'none' && recurrence === null) return null;
  // The page's URL, read only if the router refuses the module location (a Preview feature).
  const urlOf = async (id: string): Promise<string | undefined> => {
    if (appPage === null) return undefined;
    const context = await loadAppContext();
    return postmortemUrlFor(issueKey, id, appPage, context.ok ? context.context.extension.project?.type : undefined);
  };
  const go = (id: string) => {
    navigateJira(postmortemLocationFor(issueKey, id), () => urlOf(id));
  };

  const start = () => {
    setStarting(true);
    setProblem(null);
    void callResolver('postmortem/start', { issueKey }).then((result) => {
      setStarting(false);
      if (!result.ok) {
        setProblem(result.error.message);
        return;
      }
      const { id, title, status } = result.data.postmortem;
      setFound((before) => ({ postmortem: { id, title, status }, canStart: false, recurrenceOf: before?.recurrenceOf ?? null }));
      go(id);
    });
  };

  return (
    <div className="fb-pm-line">
      {recurrence === null ? null : (
        <p className="fb-text" data-recurrence-of={recurrence.id}>
          {recurrenceSentence(recurrence)}{' '}
          <button type="button" className="fb-button fb-button--subtle" onClick={() => go(recurrence.id)}>
            Open earlier postmortem
          </button>
        </p>
      )}
      {line.kind === 'none' ? null : line.kind === 'open' ? (
        <>
          <span>{line.text}</span>
          <button type="button" className="fb-button fb-button--subtle" onClick={() => go(line.postmortemId)}>
            Open postmortem
          </button>
        </>
      ) : (
        <>
          <span>Postmortem: none yet.</span>
          <button type="button" className="fb-button fb-button--subtle" disabled={starting} onClick={start}>
            {starting ? 'Starting…' : 'Start postmortem'}
          </button>
        </>
      )}
      {problem === null ? null : (
        <p className="fb-field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
