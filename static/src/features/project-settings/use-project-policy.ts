import type { PolicyView } from '@contract/policy.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import { useScreenRead } from '../../app/use-screen-read';
import { flagSuccess } from '../../platform/flags';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { movesOf, removedLevels } from '../../shared/policy-editor/scale-moves';
import { PROJECT_POLICY_COPY, type ProjectPolicyAction, type ProjectPolicyState, initialProjectPolicyState, projectPolicySave, reduceProjectPolicy } from './project-policy.state';

export interface ProjectPolicyActions {
  readonly dispatch: (action: ProjectPolicyAction) => void;
  readonly save: () => void;
  readonly retry: () => void;
  /** Reads the policy again (how far a scale change got), keeping unsaved edits on top. */
  readonly refresh: () => void;
}

/** Loads the project's severity policy, saves it (or removes the override), and reloads after a conflict. */
export function useProjectPolicy(projectKey: string, callResolver: CallResolver, firstLoad: Promise<ResolverResult<PolicyView>>): readonly [ProjectPolicyState, ProjectPolicyActions] {
  const [state, dispatch] = useReducer(reduceProjectPolicy, initialProjectPolicyState);
  const stateRef = useRef(state);
  stateRef.current = state;

  const load = useCallback(() => callResolver('policy/getProject', { projectKey }), [callResolver, projectKey]);
  const { retry, reloadOnConflict } = useScreenRead(dispatch, firstLoad, load);

  const save = useCallback(() => {
    const { policy, override } = stateRef.current;
    if (policy.status !== 'ready' || policy.saving) return;
    const next = projectPolicySave(policy, override);
    if (next.kind === 'nothing') return;
    if (next.kind === 'invalid') {
      dispatch({ type: 'invalid', errors: next.errors });
      return;
    }
    // Levels this project's scale loses: its issues move where the admin chose (going back to the site's scale, by rank).
    const removed = next.policy === null ? [] : removedLevels(policy.view, policy.draft);
    const scaleChange = removed.length === 0 ? {} : { mapping: movesOf(removed), actionId: newIdempotencyKey() };
    dispatch({ type: 'saveStarted' });
    void callResolver('policy/saveProject', { projectKey, policy: next.policy, baseVersion: policy.view.version, ...scaleChange }).then((result) => {
      dispatch({ type: 'saved', result });
      if (result.ok) flagSuccess(PROJECT_POLICY_COPY.saved);
      reloadOnConflict(result);
    });
  }, [callResolver, projectKey, reloadOnConflict]);

  const refresh = useCallback(() => {
    void load().then((result) => dispatch({ type: 'reloaded', result }));
  }, [load]);

  return [state, { dispatch, save, retry, refresh }] as const;
}
