import { useEffect, useId, useState } from 'react';

import { formatAbsolute } from '../../../shared/time';
import { Banner } from '../../../ui/Banner';
import { Field } from '../../../ui/Field';
import { EDITOR_COPY, type EditorState, blameHintSentence, canEditPostmortem, isEditorDirty } from '../postmortem-editor.state';
import { PrintView } from '../PrintView';
import type { PostmortemsActions } from '../use-postmortems';
import { ActionsSection } from './ActionsSection';
import { ArtifactsSection } from './ArtifactsSection';
import { ContributingFactorsSection } from './ContributingFactorsSection';
import { ImpactSection } from './ImpactSection';
import { LessonsSection } from './LessonsSection';
import { MarkdownExport } from './MarkdownExport';
import { QuestionsSection } from './QuestionsSection';
import { RemediationSection } from './RemediationSection';
import { ReviewSection } from './ReviewSection';
import type { EditFn } from './section-props';
import { RecurredFlag } from './RecurredFlag';
import { StatusControls } from './StatusControls';
import { StrandedEdits } from './StrandedEdits';
import { TimelineSection } from './TimelineSection';
import { OwnerPicker } from './TitleAndOwner';

interface EditorProps {
  readonly state: EditorState;
  readonly actions: PostmortemsActions;
  readonly accountId: string | undefined;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
}

/**
 * One opened postmortem: the blameless editor, its status controls, the export and the print layout.
 * Each section of the form is its own file here; they change the draft only through `edit`.
 */
export function PostmortemEditor({ state, actions, accountId, locale, timezone }: EditorProps) {
  const id = useId();
  const [printing, setPrinting] = useState(false);
  const [showMarkdown, setShowMarkdown] = useState(false);
  const [confirmingLeave, setConfirmingLeave] = useState(false);
  const { view, draft } = state;
  const pm = view.postmortem;
  const canEdit = canEditPostmortem(state);
  const disabled = !canEdit || state.busy !== null;
  const dirty = isEditorDirty(state);
  const edit: EditFn = (change) => actions.dispatch({ type: 'edit', change });

  useEffect(() => {
    if (printing && typeof window.print === 'function') window.print();
  }, [printing]);

  if (printing) {
    return (
      <div className="fb-panel fb-pm fb-pm--print">
        <div className="fb-actions fb-no-print">
          <button type="button" className="fb-button" onClick={() => setPrinting(false)}>
            Close printable view
          </button>
        </div>
        <PrintView view={view} draft={draft} locale={locale} />
      </div>
    );
  }

  return (
    <form
      className="fb-panel fb-pm"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        actions.save();
      }}
    >
      <div className="fb-actions">
        <button type="button" className="fb-button fb-button--subtle" onClick={() => (dirty ? setConfirmingLeave(true) : actions.back())}>
          Back to all postmortems
        </button>
      </div>
      {confirmingLeave && dirty ? (
        <div className="fb-confirm" role="group" aria-labelledby={`${id}-leave`}>
          <p id={`${id}-leave`}>{EDITOR_COPY.confirmLeave}</p>
          <div className="fb-actions">
            <button type="button" className="fb-button fb-button--primary" onClick={() => setConfirmingLeave(false)}>
              Keep editing
            </button>
            <button type="button" className="fb-button" onClick={actions.back}>
              Discard changes and go back
            </button>
          </div>
        </div>
      ) : null}
      <header className="fb-settings__header">
        <h1 className="fb-title" id={`${id}-title`}>
          {pm.title}
        </h1>
        <p className="fb-meta">
          Owner: {view.names[pm.owner] ?? pm.owner} · Updated {formatAbsolute(pm.updatedAt, locale, timezone)}
          {pm.publishedAt === null ? null : ` · Published ${formatAbsolute(pm.publishedAt, locale, timezone)}`}
        </p>
      </header>
      <RecurredFlag recurrences={pm.recurrences ?? []} locale={locale} timezone={timezone} />
      <p className="fb-note fb-note--boxed">{EDITOR_COPY.blameless}</p>
      {state.notice === null ? null : <Banner tone={state.notice.tone}>{state.notice.message}</Banner>}
      {state.stranded.length === 0 ? null : <StrandedEdits conflicts={state.stranded} onDismiss={() => actions.dispatch({ type: 'dismissStranded' })} />}
      {canEdit || pm.status === 'published' ? null : <Banner tone="info">{EDITOR_COPY.readOnly}</Banner>}
      {view.blameHints.length === 0 ? null : (
        <aside className="fb-pm__hints" aria-labelledby={`${id}-hints`}>
          <h2 className="fb-subheading" id={`${id}-hints`}>
            Blame phrasing hints
          </h2>
          <ul className="fb-list">
            {view.blameHints.map((hint, at) => (
              <li key={at} title={hint.why}>
                {blameHintSentence(hint)}
              </li>
            ))}
          </ul>
          <p className="fb-helper">Suggestions only: you can save either way.</p>
        </aside>
      )}

      <StatusControls state={state} actions={actions} disabled={disabled} dirty={dirty} />
      <ReviewSection state={state} actions={actions} dirty={dirty} locale={locale} timezone={timezone} />

      <div className="fb-actions">
        {canEdit ? (
          <button type="submit" className="fb-button fb-button--primary" disabled={state.busy !== null}>
            {state.busy === 'save' ? 'Saving…' : 'Save postmortem'}
          </button>
        ) : null}
        <button type="button" className="fb-button" aria-expanded={showMarkdown} aria-controls={`${id}-md`} onClick={() => setShowMarkdown((shown) => !shown)}>
          Export Markdown
        </button>
        <button type="button" className="fb-button" onClick={() => setPrinting(true)}>
          Printable view
        </button>
        {dirty && state.busy === null ? <span className="fb-meta">You have unsaved changes.</span> : null}
      </div>
      {showMarkdown ? <MarkdownExport id={`${id}-md`} markdown={view.markdown} dirty={dirty} revision={pm.revision} locale={locale} load={actions.exportMarkdown} /> : null}

      <Field id={`${id}-name`} label="Title" error={state.fieldErrors['title']}>
        {(control) => <input {...control} className="fb-input" value={draft.title} readOnly={!canEdit} disabled={state.busy !== null} onChange={(event) => edit((d) => ({ ...d, title: event.target.value }))} />}
      </Field>

      {/* actions part (issue 15): the owner, found by name among people who may be assigned issues in the project. */}
      <OwnerPicker id={`${id}-owner`} label="Postmortem owner" value={draft.owner} names={view.names} target="postmortem" canEdit={canEdit} disabled={state.busy !== null} allowNone={false} findOwners={actions.findOwners} error={state.fieldErrors['owner']} onChange={(owner) => edit((d) => ({ ...d, owner }))} />

      <ArtifactsSection state={state} edit={edit} disabled={disabled} checkLink={actions.checkLink} />
      <ImpactSection state={state} edit={edit} disabled={disabled} timezone={timezone} />
      <TimelineSection state={state} actions={actions} edit={edit} disabled={disabled} dirty={dirty} accountId={accountId} locale={locale} />
      {/* format part (issue 15) */}
      <ContributingFactorsSection state={state} edit={edit} disabled={disabled} />
      <LessonsSection state={state} edit={edit} disabled={disabled} />
      <QuestionsSection state={state} edit={edit} disabled={disabled} />
      <ActionsSection state={state} actions={actions} edit={edit} disabled={disabled} dirty={dirty} accountId={accountId} locale={locale} timezone={timezone} />
      <RemediationSection state={state} edit={edit} disabled={disabled} findOwners={actions.findOwners} actions={actions} dirty={dirty} />
    </form>
  );
}
