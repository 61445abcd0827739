import type { IncidentLogView } from '@contract/incident-log.contract';
import type { ResolverResult } from '@contract/result';
import { useState } from 'react';

import type { CallResolver } from '../../api/client';
import { formatAbsolute } from '../../shared/time';

type PlaybookView = NonNullable<IncidentLogView['playbook']>;

/**
 * playbook part (issue 16): the all-hands checklist of the decided level, above the incident log.
 * Ticking a step records it in the log by the person and at the server's time; who ticked each step
 * and when shows beside it. A tick in flight disables its box, so one click is one change.
 */
export function Playbook({
  issueKey,
  playbook,
  canTick,
  callResolver,
  locale,
  timeZone,
  onResult,
}: {
  readonly issueKey: string;
  readonly playbook: PlaybookView;
  readonly canTick: boolean;
  readonly callResolver: CallResolver;
  readonly locale: string | undefined;
  readonly timeZone: string;
  readonly onResult: (result: ResolverResult<IncidentLogView>) => boolean;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const tick = (step: string, done: boolean) => {
    if (busy !== null) return;
    setBusy(step);
    void callResolver('log/tickStep', { issueKey, step, done }).then((result) => {
      setBusy(null);
      onResult(result);
    });
  };
  const done = playbook.steps.filter((step) => step.done).length;
  return (
    <fieldset className="fb-playbook">
      <legend className="fb-label">
        {playbook.levelName} playbook · {done} of {playbook.steps.length} done
      </legend>
      <ul className="fb-playbook__steps">
        {playbook.steps.map((step) => (
          <li key={step.key}>
            <label className="fb-choice">
              <input type="checkbox" checked={step.done} disabled={!canTick || busy !== null} aria-busy={busy === step.key} onChange={(event) => tick(step.key, event.target.checked)} />
              {step.text}
            </label>
            {step.by === null || step.at === null ? null : (
              <span className="fb-meta">
                {' '}
                {step.done ? 'Done' : 'Unticked'} by {step.by.displayName}, <time dateTime={step.at}>{formatAbsolute(step.at, locale, timeZone)}</time>
              </span>
            )}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
