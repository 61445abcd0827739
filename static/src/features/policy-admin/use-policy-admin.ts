import type { PolicyView } from '@contract/policy.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import { useScreenRead } from '../../app/use-screen-read';
import { flagSuccess } from '../../platform/flags';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { toPolicy } from '../../shared/policy-editor/policy-form';
import { movesOf, removedLevels } from '../../shared/policy-editor/scale-moves';
import { POLICY_COPY, reducePolicy } from './policy-admin.state';
import { type PolicyAction, type PolicyState, initialPolicyState } from '../../shared/policy-editor/policy-editor.state';

export interface PolicyAdminActions {
  readonly dispatch: (action: PolicyAction) => void;
  readonly save: () => void;
  readonly retry: () => void;
  /** Reads the page again (how far a scale change got), keeping unsaved edits on top. */
  readonly refresh: () => void;
}

/** Loads the site's severity policy, saves the draft, and reloads after a conflict. */
export function usePolicyAdmin(callResolver: CallResolver, firstLoad: Promise<ResolverResult<PolicyView>>): readonly [PolicyState, PolicyAdminActions] {
  const [state, dispatch] = useReducer(reducePolicy, initialPolicyState);
  const stateRef = useRef(state);
  stateRef.current = state;

  const load = useCallback(() => callResolver('policy/getSite', {}), [callResolver]);
  const { retry, reloadOnConflict } = useScreenRead(dispatch, firstLoad, load);

  const save = useCallback(() => {
    const s = stateRef.current;
    if (s.status !== 'ready' || s.saving) return;
    const checked = toPolicy(s.draft);
    if (!checked.ok) {
      dispatch({ type: 'invalid', errors: checked.errors });
      return;
    }
    const removed = removedLevels(s.view, s.draft);
    dispatch({ type: 'saveStarted' });
    // One key per click: a retried request finishes the same scale change instead of starting another.
    const scaleChange = removed.length === 0 ? {} : { mapping: movesOf(removed), actionId: newIdempotencyKey() };
    void callResolver('policy/saveSite', { policy: checked.policy, baseVersion: s.view.version, ...scaleChange }).then((result) => {
      dispatch({ type: 'saved', result });
      if (result.ok) flagSuccess(POLICY_COPY.saved);
      reloadOnConflict(result);
    });
  }, [callResolver, reloadOnConflict]);

  const refresh = useCallback(() => {
    void load().then((result) => dispatch({ type: 'reloaded', result }));
  }, [load]);

  return [state, { dispatch, save, retry, refresh }] as const;
}
