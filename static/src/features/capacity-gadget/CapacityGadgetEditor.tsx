import { CAPACITY_LIMITS, DEFAULT_SUPPORT_CRITERIA } from '@contract/capacity.values';
import type { ResolverResult } from '@contract/result';
import { type ReactNode, useId, useState } from 'react';

import type { CallResolver } from '../../api/client';
import { closeView, submitView } from '../../platform/view-actions';
import { MEASURES, type ReadConfiguration, type SupportCriteria } from '../../shared/capacity';
import { Banner } from '../../ui/Banner';
import { CriteriaInputs } from '../../ui/CriteriaInputs';
import { Field } from '../../ui/Field';
import { FieldError, describedBy } from '../../ui/FieldMessages';
import { FailureBanner } from '../../ui/LoadFailed';
import { useSaveForm } from '../../ui/use-save-form';
import { type BoardList, type Loaded, type ProjectCriteria, type SprintList, useLoad, useProjectCriteria, useSprints } from './use-editor-reads';
import { type GadgetDraft, type GadgetErrors, type GadgetField, boardOptionLabel, checkDraft, criteriaSummary, draftOf, needsScrumBoard, notScrumSentence, sprintListFailure, sprintOptions } from './gadget-form';


export interface CapacityGadgetEditorProps {
  readonly callResolver: CallResolver;
  /** `context.extension.gadgetConfiguration` as read by `readGadgetConfiguration`. */
  readonly saved: ReadConfiguration;
  /** `capacity/listBoards`, sent by `routes.tsx` while this chunk downloaded. */
  readonly boardsLoad: Promise<ResolverResult<BoardList>>;
  /** `capacity/listSprints` of the saved board, sent the same way; `null` on a new gadget. */
  readonly sprintsLoad: Promise<ResolverResult<SprintList>> | null;
}

const COPY = {
  noBoards: 'No boards you can see. Create a Scrum board in Jira first.',
  damaged: 'Part of this gadget’s saved configuration could not be read, so the form shows defaults there. Check the settings, then save.',
  notSubmitted: 'Jira did not take the configuration. Reload the dashboard and try again.',
} as const;

/**
 * The gadget's edit view (`capacity-gadget`, entry point `edit`). Jira shows it for a new gadget and
 * from the gadget's "Edit" menu; "Save" hands the configuration to Jira with `view.submit`.
 */
export default function CapacityGadgetEditor({ callResolver, saved, boardsLoad, sprintsLoad }: CapacityGadgetEditorProps) {
  const id = useId();
  const [draft, setDraft] = useState<GadgetDraft>(() => draftOf(saved));
  const [errors, setErrors] = useState<GadgetErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [notSubmitted, setNotSubmitted] = useState(false);
  const boards = useLoad(boardsLoad, () => callResolver('capacity/listBoards', {}));
  const chosenBoard = boards.status === 'ready' ? boards.data.boards.find((board) => board.id === draft.boardId) : undefined;
  const kanban = needsScrumBoard(chosenBoard);
  // A Kanban board's sprints are not asked for: Jira would only answer "does not support sprints".
  const sprints = useSprints(callResolver, kanban ? null : draft.boardId, saved.boardId, sprintsLoad);
  const projectCriteria = useProjectCriteria(callResolver, chosenBoard?.projectKey ?? null, draft.criteriaMode === 'defaults');

  const edit = (change: Partial<GadgetDraft>, clears: readonly GadgetField[]) => {
    setDraft((previous) => ({ ...previous, ...change }));
    setNotSubmitted(false);
    if (clears.some((field) => errors[field] !== undefined)) setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([field]) => !clears.includes(field as GadgetField))));
  };

  const submit = () => {
    if (submitting) return;
    const checked = checkDraft(draft, { boardType: chosenBoard?.type });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSubmitting(true);
    void submitView(checked.config).then((accepted) => {
      setSubmitting(false);
      setNotSubmitted(!accepted);
    });
  };
  const form = useSaveForm(submit, errors);

  return (
    <form ref={form.ref} className="fb-panel fb-form fb-gadget-editor" noValidate onSubmit={form.onSubmit} aria-label="Production support capacity gadget settings">
      {saved.damaged ? <Banner tone="warning">{COPY.damaged}</Banner> : null}
      {notSubmitted ? <Banner tone="error">{COPY.notSubmitted}</Banner> : null}

      <BoardField
        id={id}
        boards={boards}
        value={draft.boardId}
        kanban={kanban && chosenBoard !== undefined ? notScrumSentence(chosenBoard.type) : null}
        error={errors.boardId}
        errorId={`${id}-boardId-error`}
        onChange={(boardId) => edit({ boardId, sprint: 'active' }, ['boardId'])}
      />

      <div className="fb-field">
        <label className="fb-label" htmlFor={`${id}-sprint`}>
          Sprint
        </label>
        <select
          id={`${id}-sprint`}
          className="fb-select fb-select--wide"
          value={String(draft.sprint)}
          disabled={kanban}
          aria-describedby={describedBy(sprints.status !== 'ready' && `${id}-sprint-status`)}
          onChange={(event) => edit({ sprint: event.target.value === 'active' ? 'active' : Number(event.target.value) }, [])}
        >
          <option value="active">Active sprint</option>
          {(sprints.status === 'ready' ? sprintOptions(sprints.data.sprints, draft.sprint) : sprintOptions([], draft.sprint)).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <SprintStatus id={`${id}-sprint-status`} boardChosen={draft.boardId !== null} kanban={kanban} sprints={sprints} />
      </div>

      <fieldset className="fb-fieldset">
        <legend className="fb-label">Measure</legend>
        <div className="fb-validator__rules">
          {MEASURES.map((measure) => (
            <label key={measure.id} className="fb-choice">
              <input type="radio" name={`${id}-measure`} value={measure.id} checked={draft.measure === measure.id} onChange={() => edit({ measure: measure.id }, [])} />
              <span>{measure.label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="fb-policy-grid">
        <NumberField
          id={`${id}-trend`}
          label="Sprints in the trend"
          min={CAPACITY_LIMITS.trendSprintsMin}
          max={CAPACITY_LIMITS.trendSprintsMax}
          value={draft.trendSprints}
          error={errors.trendSprints}
          onChange={(trendSprints) => edit({ trendSprints }, ['trendSprints'])}
        />
        <NumberField
          id={`${id}-planning`}
          label="Sprints to average for planning"
          min={CAPACITY_LIMITS.planningSprintsMin}
          max={CAPACITY_LIMITS.planningSprintsMax}
          value={draft.planningSprints}
          error={errors.planningSprints}
          onChange={(planningSprints) => edit({ planningSprints }, ['planningSprints'])}
        />
      </div>

      <CriteriaFields id={id} draft={draft} errors={errors} edit={edit} defaults={<ProjectDefaults id={`${id}-defaults`} board={chosenBoard} boardChosen={draft.boardId !== null} criteria={projectCriteria} />} />

      <div className="fb-actions">
        <button type="submit" className="fb-button fb-button--primary" disabled={submitting}>
          Save
        </button>
        <button type="button" className="fb-button fb-button--subtle" onClick={() => void closeView()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function BoardField({
  id,
  boards,
  value,
  kanban,
  error,
  errorId,
  onChange,
}: {
  readonly id: string;
  readonly boards: Loaded<BoardList> & { readonly retry: () => void };
  readonly value: number | null;
  /** Why the chosen board cannot show sprint figures, when it is not a Scrum board. */
  readonly kanban: string | null;
  readonly error: string | undefined;
  readonly errorId: string;
  readonly onChange: (boardId: number | null) => void;
}) {
  const selectId = `${id}-board`;
  let status: ReactNode = null;
  if (boards.status === 'loading') {
    status = (
      <p className="fb-meta" role="status" id={`${id}-board-status`}>
        Loading boards…
      </p>
    );
  } else if (boards.status === 'failed') {
    status = <FailureBanner error={boards.error} onRetry={boards.retry} />;
  } else if (boards.data.boards.length === 0) {
    status = (
      <p className="fb-empty fb-empty__hint" id={`${id}-board-status`}>
        {COPY.noBoards}
      </p>
    );
  } else if (kanban !== null && error === undefined) {
    // Said as soon as the board is chosen; on save the same sentence becomes the field's error.
    status = (
      <p className="fb-helper" id={`${id}-board-status`}>
        {kanban}
      </p>
    );
  }
  const list = boards.status === 'ready' ? boards.data.boards : [];
  const unknownSaved = value !== null && boards.status === 'ready' && !list.some((board) => board.id === value);
  return (
    <div className="fb-field">
      <label className="fb-label" htmlFor={selectId}>
        Board
      </label>
      <select
        id={selectId}
        className="fb-select fb-select--wide"
        value={value === null ? '' : String(value)}
        disabled={boards.status !== 'ready' && value === null}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(status !== null && boards.status !== 'failed' && `${id}-board-status`, error !== undefined && errorId)}
        onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
      >
        {value === null ? <option value="">Choose a board</option> : null}
        {unknownSaved || (value !== null && boards.status !== 'ready') ? <option value={String(value)}>{boards.status === 'ready' ? `Board ${String(value)} (not visible to you)` : `Board ${String(value)}`}</option> : null}
        {list.map((board) => (
          <option key={board.id} value={String(board.id)}>
            {boardOptionLabel(board)}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
      {status}
    </div>
  );
}

function SprintStatus({ id, boardChosen, kanban, sprints }: { readonly id: string; readonly boardChosen: boolean; readonly kanban: boolean; readonly sprints: Loaded<SprintList> }) {
  if (!boardChosen) return <p className="fb-helper" id={id}>Choose a board to pick one of its sprints.</p>;
  if (kanban) return <p className="fb-helper" id={id}>Only a Scrum board’s sprints can be chosen.</p>;
  if (sprints.status === 'loading') {
    return (
      <p className="fb-helper" role="status" id={id}>
        Loading sprints…
      </p>
    );
  }
  if (sprints.status === 'failed') return <p className="fb-helper" id={id}>{sprintListFailure(sprints.error)}</p>;
  return null;
}

function NumberField({
  id,
  label,
  min,
  max,
  value,
  error,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly value: string;
  readonly error: string | undefined;
  readonly onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label={label} hint={`${String(min)} to ${String(max)}`} error={error}>
      {(control) => (
        <input {...control} className="fb-input fb-input--short" type="number" inputMode="numeric" min={min} max={max} step={1} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}

function CriteriaFields({
  id,
  draft,
  errors,
  edit,
  defaults,
}: {
  readonly id: string;
  readonly draft: GadgetDraft;
  readonly errors: GadgetErrors;
  readonly edit: (change: Partial<GadgetDraft>, clears: readonly GadgetField[]) => void;
  /** What "Use the project's defaults" counts, shown while that option is chosen. */
  readonly defaults: ReactNode;
}) {
  const custom = draft.criteriaMode === 'custom';
  const criteriaError = errors.criteria;
  return (
    <fieldset className="fb-fieldset" aria-invalid={criteriaError !== undefined} aria-describedby={describedBy(`${id}-criteria-help`, criteriaError !== undefined && `${id}-criteria-error`)}>
      <legend className="fb-label">What counts as production support</legend>
      <p className="fb-helper" id={`${id}-criteria-help`}>
        An issue counts when any one of the ticked kinds, classes of service, issue types, labels or the JQL clause matches.
      </p>
      <div className="fb-validator__rules">
        <label className="fb-choice">
          <input type="radio" name={`${id}-criteria`} value="defaults" checked={!custom} onChange={() => edit({ criteriaMode: 'defaults' }, ['criteria', 'issueTypes', 'labels', 'jql'])} />
          <span>Use the project’s defaults</span>
        </label>
        <label className="fb-choice">
          <input type="radio" name={`${id}-criteria`} value="custom" checked={custom} onChange={() => edit({ criteriaMode: 'custom' }, [])} />
          <span>Choose for this gadget</span>
        </label>
      </div>
      {custom ? (
        <div className="fb-gadget-editor__criteria">
          <CriteriaInputs id={id} draft={draft} errorOf={(field) => errors[field]} edit={edit} />
        </div>
      ) : (
        defaults
      )}
      <FieldError id={`${id}-criteria-error`} message={criteriaError} />
    </fieldset>
  );
}

/** Under "Use the project's defaults": what they count, by name, read as the viewer. */
function ProjectDefaults({
  id,
  board,
  boardChosen,
  criteria,
}: {
  readonly id: string;
  readonly board: BoardList['boards'][number] | undefined;
  readonly boardChosen: boolean;
  readonly criteria: Loaded<ProjectCriteria> & { readonly retry: () => void };
}) {
  if (!boardChosen) return <p className="fb-helper" id={id}>Choose a board to see its project’s defaults.</p>;
  if (board === undefined) return null;
  if (board.projectKey === null) return <CriteriaList id={id} intro="This board spans several projects, so Firebreak’s built-in criteria apply:" criteria={DEFAULT_SUPPORT_CRITERIA} />;
  if (criteria.status === 'loading') {
    return (
      <p className="fb-helper" role="status" id={id}>
        {`Loading ${board.projectKey}’s defaults…`}
      </p>
    );
  }
  if (criteria.status === 'failed') return <FailureBanner error={criteria.error} onRetry={criteria.retry} />;
  const intro = criteria.data.source === 'project' ? `${board.projectKey}’s project settings count:` : `${board.projectKey} has not set its own, so Firebreak’s built-in criteria apply:`;
  return <CriteriaList id={id} intro={intro} criteria={criteria.data.criteria} />;
}

function CriteriaList({ id, intro, criteria }: { readonly id: string; readonly intro: string; readonly criteria: SupportCriteria }) {
  return (
    <div className="fb-gadget-editor__criteria" id={id}>
      <p className="fb-helper">{intro}</p>
      <dl className="fb-summary" aria-label="The project’s defaults">
        {criteriaSummary(criteria).map((row) => (
          <div key={row.label} className="fb-summary__row">
            <dt className="fb-summary__label">{row.label}</dt>
            <dd className="fb-summary__value">{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
