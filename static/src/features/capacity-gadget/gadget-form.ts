/**
 * The gadget editor's form: a draft made from the saved configuration, checked before Jira stores
 * it, and the sprint choices it offers. Pure; `gadget-form.test.ts` checks its output against
 * `gadgetConfigurationSchema`.
 */
import { CAPACITY_LIMITS, DEFAULT_SUPPORT_CRITERIA } from '@contract/capacity.values';
import type { ResolverError } from '@contract/result';

import {
  CLASS_OF_SERVICE_OPTIONS,
  ISSUE_KIND_OPTIONS,
  type CapacityMeasureId,
  type GadgetConfiguration,
  type ReadConfiguration,
  type SupportCriteria,
} from '../../shared/capacity';
import { CRITERIA_COPY, type CriteriaDraft, type CriteriaField, checkCriteria, criteriaDraftOf } from '../../shared/criteria-form';

export { splitList, toggle } from '../../shared/criteria-form';

export interface GadgetDraft extends CriteriaDraft {
  readonly boardId: number | null;
  readonly sprint: 'active' | number;
  readonly measure: CapacityMeasureId;
  /** Typed text: checked on save, so a half-typed number is not fought over while typing. */
  readonly trendSprints: string;
  readonly planningSprints: string;
  readonly criteriaMode: 'defaults' | 'custom';
}

export type GadgetField = 'boardId' | 'trendSprints' | 'planningSprints' | CriteriaField;
export type GadgetErrors = Readonly<Partial<Record<GadgetField, string>>>;

export const FORM_COPY = {
  noBoard: 'Choose a board.',
  kanbanBoard: 'This is a Kanban board, which has no sprints: the share of a sprint needs a Scrum board. Choose a Scrum board.',
  notScrumBoard: 'This is not a Scrum board: the share of a sprint needs a Scrum board, with its sprints. Choose a Scrum board.',
  noSprints: 'This board has no sprints (Jira says it does not support them): the share of a sprint needs a Scrum board, or a team-managed board with sprints switched on.',
  trendSprints: `Enter a whole number of sprints from ${String(CAPACITY_LIMITS.trendSprintsMin)} to ${String(CAPACITY_LIMITS.trendSprintsMax)}.`,
  planningSprints: `Enter a whole number of sprints from ${String(CAPACITY_LIMITS.planningSprintsMin)} to ${String(CAPACITY_LIMITS.planningSprintsMax)}.`,
  ...CRITERIA_COPY,
} as const;

/** The draft for a saved (or new) configuration. "Choose for this gadget" starts from Firebreak's built-in criteria. */
export function draftOf(read: ReadConfiguration): GadgetDraft {
  const { settings } = read;
  return {
    boardId: read.boardId,
    sprint: settings.sprint,
    measure: settings.measure,
    trendSprints: String(settings.trendSprints),
    planningSprints: String(settings.planningSprints),
    criteriaMode: settings.criteria === null ? 'defaults' : 'custom',
    ...criteriaDraftOf(settings.criteria ?? DEFAULT_SUPPORT_CRITERIA),
  };
}

const wholeIn = (text: string, min: number, max: number): number | undefined => {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
};

export type DraftCheck = { readonly ok: true; readonly config: GadgetConfiguration } | { readonly ok: false; readonly errors: GadgetErrors };

/** What the editor knows about the chosen board beyond its id (from `capacity/listBoards`). */
export interface ChosenBoard {
  /** Jira's board type (`scrum`, `kanban`, `simple`); undefined while the boards are loading. */
  readonly boardType?: string | undefined;
}

/**
 * A Kanban board has no sprints (Jira answers its sprint list with 400 "The board does not support
 * sprints"), so a sprint's share cannot be shown for it. The backend computes sprint figures for
 * Scrum boards only, so any other type (a team-managed `simple` board too) is said here first.
 * @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-boardid-sprint-get
 */
export const needsScrumBoard = (board: { readonly type: string } | undefined): boolean => board !== undefined && board.type !== 'scrum';

/** Why a board that is not Scrum cannot be saved, in its own terms. */
export const notScrumSentence = (type: string): string => (type === 'kanban' ? FORM_COPY.kanbanBoard : FORM_COPY.notScrumBoard);

/** The configuration to submit, or every reason it cannot be saved yet (keyed by field). */
export function checkDraft(draft: GadgetDraft, board: ChosenBoard = {}): DraftCheck {
  const errors: Partial<Record<GadgetField, string>> = {};
  const trendSprints = wholeIn(draft.trendSprints, CAPACITY_LIMITS.trendSprintsMin, CAPACITY_LIMITS.trendSprintsMax);
  const planningSprints = wholeIn(draft.planningSprints, CAPACITY_LIMITS.planningSprintsMin, CAPACITY_LIMITS.planningSprintsMax);
  if (draft.boardId === null) errors.boardId = FORM_COPY.noBoard;
  else if (board.boardType !== undefined && needsScrumBoard({ type: board.boardType })) errors.boardId = notScrumSentence(board.boardType);
  if (trendSprints === undefined) errors.trendSprints = FORM_COPY.trendSprints;
  if (planningSprints === undefined) errors.planningSprints = FORM_COPY.planningSprints;

  let criteria: SupportCriteria | null = null;
  if (draft.criteriaMode === 'custom') {
    const checked = checkCriteria(draft);
    if (checked.ok) criteria = checked.criteria;
    else Object.assign(errors, checked.errors);
  }

  if (draft.boardId === null || trendSprints === undefined || planningSprints === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
  // Keys in the contract's order, so an unchanged configuration saves the same object.
  return { ok: true, config: { boardId: draft.boardId, sprint: draft.sprint, measure: draft.measure, trendSprints, planningSprints, criteria } };
}

export interface SprintChoice {
  readonly id: number;
  readonly name: string;
  readonly state: string;
  readonly startDate: string | null;
}

/** A future sprint is one the team is planning: choosing it shows the plan for it. */
const STATE_LABELS: Readonly<Record<string, string>> = { active: 'active', closed: 'closed', future: 'planned' };

/**
 * The sprint select's options after "Active sprint": newest first (future sprints, which have no
 * start yet, on top), each with its state. A saved sprint the board no longer lists stays
 * choosable, so opening the editor does not silently change what the gadget shows.
 */
export function sprintOptions(sprints: readonly SprintChoice[], selected: 'active' | number): Array<{ readonly value: string; readonly label: string }> {
  const started = (sprint: SprintChoice) => (sprint.startDate === null ? Number.POSITIVE_INFINITY : Date.parse(sprint.startDate) || 0);
  const sorted = [...sprints].sort((a, b) => started(b) - started(a) || b.id - a.id);
  const options = sorted.map((sprint) => ({ value: String(sprint.id), label: `${sprint.name} (${STATE_LABELS[sprint.state] ?? sprint.state})` }));
  if (selected !== 'active' && !sprints.some((sprint) => sprint.id === selected)) options.unshift({ value: String(selected), label: `Sprint ${String(selected)} (no longer on this board)` });
  return options;
}

/** "Team board (SHOP)"; boards of several projects have no project key. */
export const boardLabel = (board: { readonly name: string; readonly projectKey: string | null }): string =>
  board.projectKey === null ? board.name : `${board.name} (${board.projectKey})`;

/** A board in the picker: a Kanban board says it has no sprints, so nobody picks it to be refused on save. */
export const boardOptionLabel = (board: { readonly name: string; readonly projectKey: string | null; readonly type: string }): string =>
  needsScrumBoard(board) ? `${boardLabel(board)} – ${board.type === 'kanban' ? 'Kanban, no sprints' : 'not a Scrum board'}` : boardLabel(board);

const namesOf = (ids: readonly string[], options: ReadonlyArray<{ readonly id: string; readonly label: string }>): string =>
  ids.map((id) => options.find((option) => option.id === id)?.label ?? id).join(', ');

/**
 * Criteria as the rows "Use the project's defaults" shows: kinds and classes of service by their
 * labels, the rest as typed; criteria that are not set are left out.
 */
export function criteriaSummary(criteria: SupportCriteria): Array<{ readonly label: string; readonly value: string }> {
  const rows = [
    { label: 'Kinds', value: namesOf(criteria.kinds, ISSUE_KIND_OPTIONS) },
    { label: 'Classes of service', value: namesOf(criteria.classesOfService, CLASS_OF_SERVICE_OPTIONS) },
    { label: 'Issue types', value: criteria.issueTypes.join(', ') },
    { label: 'Labels', value: criteria.labels.join(', ') },
    { label: 'JQL', value: criteria.jql?.trim() ?? '' },
  ];
  return rows.filter((row) => row.value !== '');
}

/**
 * Why the chosen board's sprints could not be listed. Listing takes only a board id, so a refused
 * request (Jira's 400 "The board does not support sprints", which the resolver layer words as a
 * rejected change) means a board without sprints, such as a team-managed board with sprints off.
 */
export const sprintListFailure = (error: Pick<ResolverError, 'code' | 'message'>): string =>
  error.code === 'INVALID_INPUT' ? FORM_COPY.noSprints : `The board’s sprints could not be listed: ${error.message}`;
