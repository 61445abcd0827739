import { useId } from 'react';

import { STATUS_LABELS } from '../../../shared/postmortem-links';
import { Lozenge } from '../../../ui/Lozenge';
import { type EditorState, EDITOR_COPY, STATUS_MOVES, canEditPostmortem } from '../postmortem-editor.state';
import { STATUS_TONES } from '../postmortem-list';
import type { PostmortemsActions } from '../use-postmortems';

/** The postmortem's status, the moves it allows (draft → in review → published) and what still blocks publishing. */
export function StatusControls({ state, actions, disabled, dirty }: { readonly state: EditorState; readonly actions: PostmortemsActions; readonly disabled: boolean; readonly dirty: boolean }) {
  const id = useId();
  const { view } = state;
  const status = view.postmortem.status;
  const blocked = view.publishBlockers.length > 0;
  const canEdit = canEditPostmortem(state);
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
            <button
              key={move.to}
              type="button"
              className={`fb-button${move.to === 'published' ? ' fb-button--primary' : ''}`}
              disabled={disabled || dirty || (move.to === 'published' && blocked)}
              {...(move.to === 'published' && blocked ? { 'aria-describedby': `${id}-blockers` } : {})}
              onClick={() => actions.setStatus(move.to)}
            >
              {state.busy === 'status' ? `${move.label}…` : move.label}
            </button>
          ))
        : null}
      {canEdit && dirty ? <span className="fb-meta">{EDITOR_COPY.saveFirst}</span> : null}
      {blocked && status !== 'published' ? (
        <div className="fb-pm__blockers" id={`${id}-blockers`}>
          <p className="fb-subheading">Before it can be published:</p>
          <ul className="fb-list">
            {view.publishBlockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
