import type { ReportView } from '@contract/report.contract';
import type { ResolverResult } from '@contract/result';
import { useEffect, useId, useRef, type KeyboardEvent, type SyntheticEvent, type RefObject } from 'react';

import type { CallResolver } from '../../api/client';
import { Banner } from '../../ui/Banner';
import { Shell } from '../../ui/Shell';
import {
  COPY,
  STEPS_LABEL,
  describeCharacterCount,
  describeUpdater,
  formatAbsolute,
  formatRelative,
  isRetryable,
} from './report-copy';
import { type ReadyState, canEditReport } from './report-panel.state';
import { type ReportPanelActions, useReportPanel } from './use-report-panel';

export interface ReportPanelProps {
  readonly issueKey: string;
  readonly accountId?: string;
  readonly locale?: string;
  readonly timezone?: string;
  readonly callResolver: CallResolver;
  /** `report/get`, already sent by `main.tsx` while this chunk was downloading. */
  readonly firstLoad: Promise<ResolverResult<ReportView>>;
}

/** The "Production report" issue panel (`production-report-panel` in manifest.yml). */
export default function ReportPanel(props: ReportPanelProps) {
  const [state, actions] = useReportPanel(props.issueKey, props.callResolver, props.firstLoad, props.locale);

  if (state.status === 'loading') return <Shell label={COPY.loading} />;
  if (state.status === 'failed') {
    return (
      <div className="fb-panel">
        <Banner
          tone="error"
          actions={
            isRetryable(state.error) ? (
              <button type="button" className="fb-button" onClick={actions.retry}>
                Try again
              </button>
            ) : undefined
          }
        >
          {state.error.message}
        </Banner>
      </div>
    );
  }
  return <ReadyPanel state={state} actions={actions} {...props} />;
}

function ReadyPanel({
  state,
  actions,
  accountId,
  locale,
  timezone,
}: { readonly state: ReadyState; readonly actions: ReportPanelActions } & ReportPanelProps) {
  const canEdit = canEditReport(state);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const previousMode = useRef(state.mode);
  // Leaving the editor (save or cancel) puts focus back on the button that opened it.
  useEffect(() => {
    if (previousMode.current === 'edit' && state.mode === 'read') editButtonRef.current?.focus();
    previousMode.current = state.mode;
  }, [state.mode]);

  return (
    <div className="fb-panel">
      {state.notice === null ? null : <Banner tone={state.notice.tone}>{state.notice.message}</Banner>}
      {state.strandedDraft === null ? null : <StrandedDraft text={state.strandedDraft} onDismiss={actions.dismissStranded} />}
      {state.mode === 'edit' ? (
        <EditForm state={state} actions={actions} locale={locale} />
      ) : (
        <Summary state={state} canEdit={canEdit} onEdit={actions.edit} editButtonRef={editButtonRef} accountId={accountId} locale={locale} timezone={timezone} />
      )}
      {!state.view.canEdit && !state.editRevoked ? <p className="fb-note">{COPY.readOnly}</p> : null}
    </div>
  );
}

function Summary({
  state,
  canEdit,
  onEdit,
  editButtonRef,
  accountId,
  locale,
  timezone,
}: {
  readonly state: ReadyState;
  readonly canEdit: boolean;
  readonly onEdit: () => void;
  readonly editButtonRef: RefObject<HTMLButtonElement | null>;
  readonly accountId: string | undefined;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
}) {
  const report = state.view.report;
  const steps = report?.fields.stepsToReproduce ?? '';
  const headingId = useId();

  return (
    <section className="fb-section" aria-labelledby={headingId}>
      <div className="fb-section__header">
        <h2 className="fb-heading" id={headingId}>
          {STEPS_LABEL}
        </h2>
        {canEdit ? (
          <button ref={editButtonRef} type="button" className="fb-button fb-button--subtle" aria-label="Edit report" onClick={onEdit}>
            <PencilIcon />
            Edit
          </button>
        ) : null}
      </div>
      {steps.trim() === '' ? (
        <div className="fb-empty">
          <p className="fb-empty__title">{COPY.emptyTitle}</p>
          {canEdit ? <p className="fb-empty__hint">{COPY.emptyHint}</p> : null}
        </div>
      ) : (
        <p className="fb-text">{steps}</p>
      )}
      {report === null ? null : (
        <p className="fb-meta">
          Last updated{' '}
          <time dateTime={report.updatedAt} title={formatAbsolute(report.updatedAt, locale, timezone)}>
            {formatRelative(report.updatedAt, new Date(), locale)}
          </time>{' '}
          by {describeUpdater(report.updatedBy, accountId)}
        </p>
      )}
    </section>
  );
}

function EditForm({
  state,
  actions,
  locale,
}: {
  readonly state: ReadyState;
  readonly actions: ReportPanelActions;
  readonly locale: string | undefined;
}) {
  const fieldId = useId();
  const helperId = useId();
  const counterId = useId();
  const errorId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const count = describeCharacterCount(state.draft.length, undefined, locale);
  const invalid = state.fieldError !== null || count.over;

  useEffect(() => {
    textareaRef.current?.focus();
  }, []);
  // A field error moves focus back to the field, which announces the error through aria-describedby.
  useEffect(() => {
    if (state.fieldError !== null) textareaRef.current?.focus();
  }, [state.fieldError]);

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    actions.save();
  };
  // Ctrl/Cmd+Enter saves and Escape cancels, as in Jira's own editors.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      actions.save();
    } else if (event.key === 'Escape' && !state.saving) {
      event.preventDefault();
      actions.cancel();
    }
  };

  const describedBy = [helperId, count.visible ? counterId : null, state.fieldError === null ? null : errorId]
    .filter((id) => id !== null)
    .join(' ');

  return (
    <form className="fb-form" onSubmit={onSubmit} noValidate>
      <div className="fb-field">
        <label className="fb-label" htmlFor={fieldId}>
          {STEPS_LABEL}
        </label>
        <textarea
          ref={textareaRef}
          id={fieldId}
          className="fb-textarea"
          value={state.draft}
          rows={8}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          readOnly={state.saving}
          onChange={(event) => actions.change(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="fb-field__footer">
          {state.fieldError === null ? null : (
            <p className="fb-field-error" id={errorId}>
              <ErrorIcon />
              {state.fieldError}
            </p>
          )}
          {count.visible ? (
            <p className={count.over ? 'fb-counter fb-counter--over' : 'fb-counter'} id={counterId}>
              {count.text}
            </p>
          ) : null}
        </div>
        <p className="fb-helper" id={helperId}>
          {COPY.helper}
        </p>
      </div>
      <div className="fb-actions">
        <button type="submit" className="fb-button fb-button--primary" aria-label="Save report" disabled={state.saving}>
          {state.saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="fb-button fb-button--subtle" onClick={actions.cancel} disabled={state.saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function StrandedDraft({ text, onDismiss }: { readonly text: string; readonly onDismiss: () => void }) {
  const id = useId();
  return (
    <div className="fb-stranded">
      <label className="fb-label" htmlFor={id}>
        {COPY.strandedLabel}
      </label>
      <textarea id={id} className="fb-textarea fb-textarea--readonly" value={text} readOnly rows={4} />
      <div className="fb-actions">
        <button type="button" className="fb-button fb-button--subtle" onClick={onDismiss}>
          Dismiss your unsaved text
        </button>
      </div>
    </div>
  );
}

function PencilIcon() {
  return (
    <svg className="fb-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M4 20h4L19 9l-4-4L4 16v4Zm9-13 4 4" />
    </svg>
  );
}

function ErrorIcon() {
  return (
    <svg className="fb-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-13v5.5m0 3v.25" />
    </svg>
  );
}
