import type { ProjectConfigView } from '@contract/project-config.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import { useScreenRead } from '../../app/use-screen-read';
import { flagSuccess } from '../../platform/flags';
import { checkCriteria } from '../../shared/criteria-form';
import { checkImprovements, supportErrorsOf, validateConfig, withImprovements } from './settings-form';
import { type SettingsAction, type SettingsState, SETTINGS_COPY, initialSettingsState, reduceSettings, withSupportCriteria } from './settings.state';

export interface SettingsActions {
  readonly dispatch: (action: SettingsAction) => void;
  readonly save: () => void;
  /** Saves "What counts as production support" alone, on the stored settings. */
  readonly saveSupport: () => void;
  /** Saves "Postmortem action items" alone, on the stored settings. */
  readonly saveImprovements: () => void;
  readonly retry: () => void;
}

/** Loads the project's settings, saves the draft, and reloads after a conflict. */
export function useProjectSettings(
  projectKey: string,
  callResolver: CallResolver,
  firstLoad: Promise<ResolverResult<ProjectConfigView>>,
): readonly [SettingsState, SettingsActions] {
  const [state, dispatch] = useReducer(reduceSettings, initialSettingsState);
  const stateRef = useRef(state);
  stateRef.current = state;

  const load = useCallback(() => callResolver('config/getProject', { projectKey }), [callResolver, projectKey]);
  const { retry, reloadOnConflict } = useScreenRead(dispatch, firstLoad, load);

  const save = useCallback(() => {
    const s = stateRef.current;
    if (s.status !== 'ready' || s.saving) return;
    const errors = validateConfig(s.draft);
    if (Object.keys(errors).length > 0) {
      dispatch({ type: 'invalid', errors });
      return;
    }
    dispatch({ type: 'saveStarted' });
    void callResolver('config/saveProject', { projectKey, config: s.draft, baseVersion: s.view.version }).then((result) => {
      dispatch({ type: 'saved', result });
      if (result.ok) flagSuccess(SETTINGS_COPY.saved);
      reloadOnConflict(result);
    });
  }, [callResolver, projectKey, reloadOnConflict]);

  const saveSupport = useCallback(() => {
    const s = stateRef.current;
    if (s.status !== 'ready' || s.saving) return;
    const checked = checkCriteria(s.supportDraft);
    if (!checked.ok) {
      dispatch({ type: 'invalid', errors: supportErrorsOf(checked.errors) });
      return;
    }
    dispatch({ type: 'saveStarted' });
    const config = withSupportCriteria(s.view.config, checked.criteria);
    void callResolver('config/saveProject', { projectKey, config, baseVersion: s.view.version }).then((result) => {
      dispatch({ type: 'saved', result, part: 'support' });
      if (result.ok) flagSuccess(SETTINGS_COPY.supportSaved);
      reloadOnConflict(result);
    });
  }, [callResolver, projectKey, reloadOnConflict]);

  const saveImprovements = useCallback(() => {
    const s = stateRef.current;
    if (s.status !== 'ready' || s.saving) return;
    const checked = checkImprovements(s.improvementsDraft);
    if (!checked.ok) {
      dispatch({ type: 'invalid', errors: checked.errors });
      return;
    }
    dispatch({ type: 'saveStarted' });
    const config = withImprovements(s.view.config, checked.improvements);
    void callResolver('config/saveProject', { projectKey, config, baseVersion: s.view.version }).then((result) => {
      dispatch({ type: 'saved', result, part: 'improvements' });
      if (result.ok) flagSuccess(SETTINGS_COPY.improvementsSaved);
      reloadOnConflict(result);
    });
  }, [callResolver, projectKey, reloadOnConflict]);

  return [state, { dispatch, save, saveSupport, saveImprovements, retry }] as const;
}
