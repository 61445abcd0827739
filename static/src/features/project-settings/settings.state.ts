import type { ProjectConfig, ProjectConfigView } from '@contract/project-config.contract';
import type { ResolverResult } from '@contract/result';

import { DEFAULT_SUPPORT_CRITERIA as BUILT_IN_SUPPORT_CRITERIA } from '@contract/capacity.values';
import { type CriteriaDraft, criteriaDraftOf } from '../../shared/criteria-form';
import { describeChangeFailure } from '../../shared/failures';
import type { Notice, ScreenState } from '../../shared/screen-state';
import { conflictSentence, mergeValue, newMergeNotes } from '../../shared/three-way-merge';
import { type Improvements, improvementsOf, settingsFieldOf, withImprovements } from './settings-form';
import { mergeProjectConfig } from './settings-merge';

/** The settings page's state machine: load, edit the draft, save. The hook only performs the calls. */
export const SETTINGS_COPY = {
  loading: 'Loading Firebreak settings…',
  readOnly: 'Only project admins can change these settings.',
  conflict: 'Someone else saved these settings while you were editing. Loading their version to put your changes on top…',
  saved: 'Settings saved',
  supportSaved: 'Support defaults saved',
  improvementsSaved: 'Improvements backlog saved',
} as const;

/** Which save a notice or a save in flight belongs to: the main settings or the support defaults. */
export type SettingsPart = 'settings' | 'support' | 'improvements';

export type SettingsState = ScreenState<EditingState>;

export interface EditingState {
  readonly status: 'ready';
  readonly view: ProjectConfigView;
  readonly draft: ProjectConfig;
  readonly saving: boolean;
  readonly notice: (Notice & { readonly part?: SettingsPart }) | null;
  /**
   * Keyed by the path under `config` the error names (`productionIssueTypes`, `manualItems.0.label`);
   * the support defaults' as `supportCriteria.<field>` (`supportCriteria.jql`).
   */
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly editRevoked: boolean;
  /** "What counts as production support", as typed; saved by its own button. */
  readonly supportDraft: CriteriaDraft;
  /** "Postmortem action items" (`config.improvements`), as typed; saved by its own button. */
  readonly improvementsDraft: Improvements;
}

export type SettingsAction =
  | { readonly type: 'loaded'; readonly result: ResolverResult<ProjectConfigView> }
  | { readonly type: 'reloaded'; readonly result: ResolverResult<ProjectConfigView> }
  | { readonly type: 'edit'; readonly change: (config: ProjectConfig) => ProjectConfig; readonly clears?: string }
  | { readonly type: 'editSupport'; readonly change: (draft: CriteriaDraft) => CriteriaDraft; readonly clears?: readonly string[] }
  | { readonly type: 'editImprovements'; readonly change: Partial<Improvements>; readonly clears?: readonly string[] }
  | { readonly type: 'invalid'; readonly errors: Readonly<Record<string, string>> }
  | { readonly type: 'saveStarted' }
  | { readonly type: 'saved'; readonly result: ResolverResult<ProjectConfigView>; readonly part?: SettingsPart }
  | { readonly type: 'retry' };

export const initialSettingsState: SettingsState = { status: 'loading' };

export const canEditSettings = (state: EditingState): boolean => state.view.canEdit && !state.editRevoked;

const NO_ERRORS: Readonly<Record<string, string>> = {};

/** The support defaults the project counts with: its own, or Firebreak's built-in ones. */
export const supportCriteriaOf = (config: ProjectConfig) => config.supportCriteria ?? BUILT_IN_SUPPORT_CRITERIA;

const ready = (view: ProjectConfigView): EditingState => ({
  status: 'ready',
  view,
  draft: view.config,
  saving: false,
  notice: null,
  fieldErrors: NO_ERRORS,
  editRevoked: false,
  supportDraft: criteriaDraftOf(supportCriteriaOf(view.config)),
  improvementsDraft: improvementsOf(view.config, view.projectKey),
});

/** Whether the draft differs from what is stored (the save button says so). */
export const isDirty = (state: EditingState): boolean => JSON.stringify(state.draft) !== JSON.stringify(state.view.config);

/** Whether the support defaults differ from what is stored. */
export const isSupportDirty = (state: EditingState): boolean => JSON.stringify(state.supportDraft) !== JSON.stringify(criteriaDraftOf(supportCriteriaOf(state.view.config)));

/** Whether the improvements backlog differs from what is stored. */
export const isImprovementsDirty = (state: EditingState): boolean =>
  JSON.stringify(state.improvementsDraft) !== JSON.stringify(improvementsOf(state.view.config, state.view.projectKey));

/** `config` with other support defaults; `undefined` leaves the key out (the built-in defaults). */
export function withSupportCriteria(config: ProjectConfig, criteria: ProjectConfig['supportCriteria']): ProjectConfig {
  const { supportCriteria: _previous, ...rest } = config;
  return criteria === undefined ? rest : { ...rest, supportCriteria: criteria };
}

/**
 * After one part saved, the other part keeps its unsaved edits: the support defaults save the
 * stored config with new criteria, and the main draft takes the stored criteria on.
 */
function savedPart(state: EditingState, view: ProjectConfigView, part: SettingsPart): EditingState {
  let next = ready(view);
  if (part !== 'settings' && isDirty(state)) next = { ...next, draft: withImprovements(withSupportCriteria(state.draft, view.config.supportCriteria), view.config.improvements) };
  if (part !== 'support' && isSupportDirty(state)) next = { ...next, supportDraft: state.supportDraft };
  if (part !== 'improvements' && isImprovementsDirty(state)) next = { ...next, improvementsDraft: state.improvementsDraft };
  return next;
}

export function reduceSettings(state: SettingsState, action: SettingsAction): SettingsState {
  if (action.type === 'loaded') return action.result.ok ? ready(action.result.data) : { status: 'failed', error: action.result.error };
  if (action.type === 'retry') return { status: 'loading' };
  if (state.status !== 'ready') return state;

  switch (action.type) {
    case 'edit': {
      if (!canEditSettings(state) || state.saving) return state;
      const { clears } = action;
      const fieldErrors = clears === undefined || !Object.hasOwn(state.fieldErrors, clears) ? state.fieldErrors : Object.fromEntries(Object.entries(state.fieldErrors).filter(([key]) => key !== clears));
      return { ...state, draft: action.change(state.draft), fieldErrors };
    }
    case 'editSupport': {
      if (!canEditSettings(state) || state.saving) return state;
      const clears = action.clears ?? [];
      const fieldErrors = clears.some((key) => Object.hasOwn(state.fieldErrors, key)) ? Object.fromEntries(Object.entries(state.fieldErrors).filter(([key]) => !clears.includes(key))) : state.fieldErrors;
      return { ...state, supportDraft: action.change(state.supportDraft), fieldErrors };
    }
    case 'editImprovements': {
      if (!canEditSettings(state) || state.saving) return state;
      const clears = action.clears ?? [];
      const fieldErrors = clears.some((key) => Object.hasOwn(state.fieldErrors, key)) ? Object.fromEntries(Object.entries(state.fieldErrors).filter(([key]) => !clears.includes(key))) : state.fieldErrors;
      return { ...state, improvementsDraft: { ...state.improvementsDraft, ...action.change }, fieldErrors };
    }
    case 'invalid':
      return { ...state, fieldErrors: action.errors };
    case 'saveStarted':
      return { ...state, saving: true, notice: null, fieldErrors: NO_ERRORS };
    case 'saved': {
      const part = action.part ?? 'settings';
      if (action.result.ok) return savedPart(state, action.result.data, part);
      const failure = describeChangeFailure(action.result.error, settingsFieldOf, SETTINGS_COPY.conflict);
      const base = { ...state, saving: false };
      switch (failure.kind) {
        case 'field':
          return { ...base, fieldErrors: { [failure.field]: failure.message } };
        case 'banner':
          return { ...base, notice: { tone: 'error', message: failure.message, part } };
        case 'conflict':
          return { ...base, notice: { tone: 'warning', message: failure.message, part } };
        case 'forbidden':
          return { ...base, editRevoked: true, notice: { tone: 'error', message: failure.message, part } };
      }
      break;
    }
    case 'reloaded':
      return action.result.ok ? mergedOnTop(state, action.result.data) : { ...state, notice: { tone: 'error', message: action.result.error.message } };
  }
  return state;
}

/**
 * After a conflict: their version, with every unsaved edit of the page put back on top of it (the
 * main settings, the support defaults and the improvements backlog), and a sentence saying which.
 */
function mergedOnTop(state: EditingState, theirs: ProjectConfigView): EditingState {
  const notes = newMergeNotes();
  const { projectKey } = theirs;
  const draft = mergeProjectConfig(notes, state.view.config, state.draft, theirs.config);
  const supportDraft = mergeValue(notes, 'What counts as production support', criteriaDraftOf(supportCriteriaOf(state.view.config)), state.supportDraft, criteriaDraftOf(supportCriteriaOf(theirs.config)), describeCriteria);
  const improvementsDraft = mergeValue(notes, 'Postmortem action items', improvementsOf(state.view.config, projectKey), state.improvementsDraft, improvementsOf(theirs.config, projectKey), (value) => `${value.projectKey}, ${value.issueType}, ${value.label}`);
  const part = state.notice?.part;
  return {
    ...ready(theirs),
    draft,
    supportDraft,
    improvementsDraft,
    notice: { tone: 'warning', message: conflictSentence('these settings', notes), ...(part === undefined ? {} : { part }) },
  };
}

const describeCriteria = (draft: CriteriaDraft): string =>
  [draft.kinds.join(', '), draft.classesOfService.join(', '), draft.issueTypes, draft.labels, draft.jql].filter((part) => part.trim() !== '').join(' · ') || 'nothing';
