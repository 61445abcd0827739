import { useEffect, useState } from 'react';

import type { CallResolver } from '../../api/client';
import { navigateJira } from '../../platform/router';
import { type PostmortemForIssue, postmortemLineOf, postmortemLocationFor } from './postmortem-line';

/**
 * A small "Postmortem" line under the report, asked for only once the report has loaded (so the
 * panel's first paint does not wait for it). Failing to load it hides the line: it is an extra.
 */
export function PostmortemLine({ issueKey, callResolver }: { readonly issueKey: string; readonly callResolver: CallResolver }) {
  const [found, setFound] = useState<PostmortemForIssue | null>(null);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void callResolver('postmortem/forIssue', { issueKey }).then((result) => {
      if (current && result.ok) setFound(result.data);
    });
    return () => {
      current = false;
    };
  }, [callResolver, issueKey]);

  if (found === null) return null;
  const line = postmortemLineOf(found);
  if (line.kind === 'none') return null;
  const go = (id: string) => navigateJira(postmortemLocationFor(issueKey, id));

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
      setFound({ postmortem: { id, title, status }, canStart: false });
      go(id);
    });
  };

  return (
    <div className="fb-pm-line">
      {line.kind === 'open' ? (
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
