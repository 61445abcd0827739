import { useId, useState } from 'react';

import { STATUS_LABELS } from '../../../shared/postmortem-links';
import { Lozenge } from '../../../ui/Lozenge';
import { type EditorState, EDITOR_COPY, STATUS_MOVES, blameHintSentence, canEditPostmortem } from '../postmortem-editor.state';
import { STATUS_TONES } from '../postmortem-list';
import type { PostmortemsActions } from '../use-postmortems';

/**
 * The postmortem's status, the moves it allows (draft ⇄ in review), the owner's Publish (asking to
 * confirm blame phrasing left in the text, never blocking silently), "Open a new revision" of a
 * published one, and what still stands between it and publishing. The server decides each of these
 * again (`domain/postmortem/review.ts`); the buttons only spare people a refusal.
 */
export function StatusControls({ state, actions, disabled, dirty }: { readonly state: EditorState; readonly actions: PostmortemsActions; readonly disabled: boolean; readonly dirty: boolean }) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const { view } = state;
  const status = view.postmortem.status;
  const missing = status === 'published' ? [] : [...view.review.publishMissing, ...view.publishBlockers];
  const canEdit = canEditPostmortem(state);
  const busy = state.busy !== null;
  const publish = () => (view.blameHints.length > 0 ? setConfirming(true) : actions.publish(false));
  return (
    <div className="fb-pm__status" role="group" aria-labelledby={`${id}-label`}>
      <span className="fb-label" id={`${id}-label`}>
        Status
      </span>
      <Lozenge tone={STATUS_TONES[status]} bold>
        {STATUS_LABELS[status]}
      </Lozenge>
      {canEdit
        ? STATUS_MOVES[status].map((move) => (
            <button key={move.to} type="button" className="fb-button" disabled={disabled || dirty} onClick={() => actions.setStatus(move.to)}>
              {state.busy === 'status' ? `${move.label}…` : move.label}
            </button>
          ))
        : null}
      {view.review.isOwner && status === 'in-review' ? (
        <button
          type="button"
          className="fb-button fb-button--primary"
          disabled={busy || dirty || missing.length > 0 || confirming}
          {...(missing.length > 0 ? { 'aria-describedby': `${id}-blockers` } : {})}
          onClick={publish}
        >
          {state.busy === 'review' ? 'Publish…' : 'Publish'}
        </button>
      ) : null}
      {status === 'published' && view.review.mayEdit ? (
        <button type="button" className="fb-button" disabled={busy} onClick={actions.openRevision}>
          Open a new revision
        </button>
      ) : null}
      {canEdit && dirty ? <span className="fb-meta">{EDITOR_COPY.saveFirst}</span> : null}
      {status === 'published' ? <p className="fb-helper">Published postmortems are locked. A new revision is a draft that goes through review again; this version stays published until the revision replaces it.</p> : null}
      {confirming && view.blameHints.length > 0 ? (
        <div className="fb-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>The text still has blame phrasing. Publish anyway only if each of these is fine as written:</p>
          <ul className="fb-list">
            {view.blameHints.map((hint, at) => (
              <li key={at}>{blameHintSentence(hint)}</li>
            ))}
          </ul>
          <div className="fb-actions">
            <button type="button" className="fb-button" onClick={() => setConfirming(false)}>
              Keep editing
            </button>
            <button
              type="button"
              className="fb-button fb-button--primary"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                actions.publish(true);
              }}
            >
              Publish anyway
            </button>
          </div>
        </div>
      ) : null}
      {missing.length > 0 ? (
        <div className="fb-pm__blockers" id={`${id}-blockers`}>
          <p className="fb-subheading">Before it can be published:</p>
          <ul className="fb-list">
            {missing.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
