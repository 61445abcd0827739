import type { OnCallView } from '@contract/on-call.contract';
import { useCallback, useState } from 'react';

import { useLatestLoad } from '../../app/use-latest-load';
import type { CallResolver } from '../../api/client';
import { flagSuccess } from '../../platform/flags';
import { refreshIssueView } from '../../platform/issue-view';
import { assignedSentence, onCallLineOf } from './on-call-line';

/**
 * "On call now: Devon Park, until Mon 7 Dec, 09:00", and for a triager "Assign to Devon Park". Asked
 * for after the report loaded, like the postmortem line; failing to load hides it (it is an extra).
 * The button names whom the panel showed; the backend works out who is on call itself and refuses
 * when that changed, so the line reloads to show who it is now.
 */
export function OnCallLine({ issueKey, callResolver, locale, timezone }: { readonly issueKey: string; readonly callResolver: CallResolver; readonly locale: string | undefined; readonly timezone: string | undefined }) {
  const [view, setView] = useState<OnCallView | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(() => callResolver('oncall/get', { issueKey }), [callResolver, issueKey]);
  useLatestLoad(load, (result) => {
    if (result.ok) setView(result.data);
  });

  if (view === null) return null;
  const line = onCallLineOf(view, new Date(), { locale, timeZone: timezone });
  if (line.kind === 'none') return null;

  const assign = (accountId: string) => {
    if (assigning) return;
    setAssigning(true);
    setProblem(null);
    setDone(null);
    void callResolver('oncall/assign', { issueKey, expectedAccountId: accountId }).then(async (result) => {
      setAssigning(false);
      if (result.ok) {
        setView(result.data);
        const sentence = assignedSentence(result.data);
        setDone(sentence);
        if (result.data.outcome === 'assigned') {
          flagSuccess(sentence);
          void refreshIssueView();
        }
        return;
      }
      setProblem(result.error.message);
      // The rotation moved on, or someone else assigned it: show what is true now.
      if (result.error.code === 'CONFLICT' || result.error.code === 'IN_PROGRESS') {
        const again = await load();
        if (again.ok) setView(again.data);
      }
    });
  };

  return (
    <div className="fb-pm-line fb-oncall-line">
      <span>{line.text}</span>
      {line.kind === 'on-call' && line.offer !== null ? (
        <button type="button" className="fb-button fb-button--subtle" disabled={assigning} aria-busy={assigning} onClick={() => assign(line.accountId)}>
          {assigning ? 'Assigning…' : line.offer}
        </button>
      ) : null}
      {done === null ? null : (
        <p className="fb-note" role="status">
          {done}
        </p>
      )}
      {problem === null ? null : (
        <p className="fb-field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
