import type { ActionItem, PostmortemView } from '@contract/postmortem.contract';

import { CONTRIBUTING_FACTOR_LABELS, FIVE_QUESTIONS, LESSONS } from '@contract/postmortem.values';
import { STATUS_LABELS } from '../../shared/postmortem-links';
import { formatAbsolute } from '../../shared/time';
import { localToIso } from '../../shared/zoned-time';
import { decisionNote, verificationNote } from './action-notes';
import { IMPACT_TIMES, type PostmortemDraft } from './postmortem-draft';
import { EDITOR_COPY } from './postmortem-editor.state';

/** The postmortem as a clean document for printing: no controls, hidden timeline entries left out. */
export function PrintView({ view, draft, locale }: { readonly view: PostmortemView; readonly draft: PostmortemDraft; readonly locale: string | undefined }) {
  const pm = view.postmortem;
  const overdue = new Set(view.overdueActionIds);
  /** The filed issue's Jira status as the actions section shows it (the export says the same). */
  const status = (issueKey: string | null): string => {
    if (issueKey === null) return 'not filed';
    const live = view.actionIssues[issueKey];
    return live === undefined || live.missing ? 'issue not found' : live.status === '' ? 'status unknown' : live.status;
  };
  const saved = new Map(pm.actions.map((action) => [action.id, action]));
  const when = (iso: string) => formatAbsolute(iso, locale, draft.timeZone);
  const name = (account: string) => (account === '' ? 'unassigned' : (view.names[account] ?? account));
  const at = (local: string) => {
    const iso = localToIso(local, draft.timeZone);
    return iso === null ? '—' : formatAbsolute(iso, locale, draft.timeZone);
  };
  return (
    <article className="fb-pm__print">
      <h1 className="fb-title">{draft.title}</h1>
      <p className="fb-meta">
        {STATUS_LABELS[pm.status]} · Severity {view.severityName ?? '—'} · Owner {name(pm.owner)} · Incidents {draft.incidents.join(', ')}
      </p>
      <p className="fb-note fb-note--boxed">{EDITOR_COPY.blameless}</p>
      <h2 className="fb-heading">Summary</h2>
      <p className="fb-text">{draft.summary || '—'}</p>
      <h2 className="fb-heading">Customer impact</h2>
      <p className="fb-text">{draft.customerImpact || '—'}</p>
      <dl className="fb-pm__print-times">
        {IMPACT_TIMES.map((time) => (
          <div key={time.id}>
            <dt>{time.label}</dt>
            <dd>{at(draft.times[time.id])}</dd>
          </div>
        ))}
        <div>
          <dt>Users affected</dt>
          <dd>{draft.usersAffected || '—'}</dd>
        </div>
        {(view.impactDurations ?? []).map((duration) => (
          <div key={duration.label}>
            <dt>{duration.label}</dt>
            <dd>{duration.text}</dd>
          </div>
        ))}
      </dl>
      {draft.artifacts.length === 0 ? null : (
        <>
          <h2 className="fb-heading">Artifacts</h2>
          <ul className="fb-list">
            {draft.artifacts.map((artifact) => (
              <li key={artifact.key}>
                {artifact.label}: {artifact.url}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 className="fb-heading">Timeline ({draft.timeZone})</h2>
      <ol className="fb-list">
        {draft.timeline
          .filter((entry) => !entry.hidden)
          .map((entry) => (
            <li key={entry.id}>
              {formatAbsolute(entry.at, locale, draft.timeZone)} · {name(entry.who)} · {entry.text}
              {entry.note === '' ? null : ` (${entry.note})`}
            </li>
          ))}
      </ol>
      {/* format part (issue 15): after the timeline, as on the page and in the export. */}
      <h2 className="fb-heading">Contributing factors</h2>
      {draft.contributingFactors.length === 0 ? (
        <p className="fb-text">No contributing factors yet.</p>
      ) : (
        <ul className="fb-list">
          {draft.contributingFactors.map((factor) => (
            <li key={factor.id}>{factor.category === '' ? factor.text : `${CONTRIBUTING_FACTOR_LABELS[factor.category]}: ${factor.text}`}</li>
          ))}
        </ul>
      )}
      {LESSONS.map((lesson) => (
        <div key={lesson.id}>
          <h2 className="fb-heading">{lesson.label}</h2>
          <p className="fb-text">{draft.lessons[lesson.id] || 'Not written yet.'}</p>
        </div>
      ))}
      <h2 className="fb-heading">The five questions</h2>
      {FIVE_QUESTIONS.map((question) => (
        <div key={question.id}>
          <h3 className="fb-subheading">{question.label}</h3>
          <p className="fb-text">{draft.answers[question.id] || '—'}</p>
        </div>
      ))}
      <h2 className="fb-heading">Action items</h2>
      <ul className="fb-list">
        {draft.actions.map((action) => (
          <li key={action.id}>
            {action.title} · {name(action.owner)} · due {action.dueDate || '—'}
            {action.issueKey === null ? null : ` · ${action.issueKey}`} · {status(action.issueKey)}
            {overdue.has(action.id) ? <strong> · Overdue</strong> : null}
            {/* fixes part (issue 15): the saved decision and the proof, in the page's words. */}
            <ActionNotes proposed={action.issueKey === null && saved.get(action.id)?.triage === undefined} triage={saved.get(action.id)?.triage} verification={action.verification} names={view.names} when={when} />
          </li>
        ))}
      </ul>
      <h2 className="fb-heading">Remediation for affected customers</h2>
      <ul className="fb-list">
        {draft.remediation.map((item) => (
          <li key={item.id}>
            {item.done ? '✓ ' : ''}
            {item.title} · {name(item.owner)} · {item.priority}
            {item.issueKey == null ? null : ` · ${item.issueKey}${item.filedPriority === undefined ? '' : ` (Jira priority ${item.filedPriority})`} · ${status(item.issueKey)}`}
          </li>
        ))}
      </ul>
    </article>
  );
}

function ActionNotes({ proposed, triage, verification, names, when }: { readonly proposed: boolean; readonly triage: ActionItem['triage']; readonly verification: ActionItem['verification']; readonly names: Readonly<Record<string, string>>; readonly when: (iso: string) => string }) {
  if (!proposed && triage === undefined && verification === undefined) return null;
  return (
    <ul className="fb-list" data-testid="print-action-notes">
      {proposed ? <li>Proposed, not decided</li> : null}
      {triage === undefined ? null : <li>{decisionNote(triage, names, when)}</li>}
      {verification === undefined ? null : (
        <li>
          {verificationNote(verification, names, when)}
          {verification.link === null ? null : ` — ${verification.link}`}
        </li>
      )}
    </ul>
  );
}
