import type { PolicyView } from '@contract/policy.contract';
import type { ResolverResult } from '@contract/result';
import { useCallback, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import { useScreenRead } from '../../app/use-screen-read';
import { flagSuccess } from '../../platform/flags';
import { toPolicy } from '../../shared/policy-editor/policy-form';
import { POLICY_COPY, reducePolicy } from './policy-admin.state';
import { type PolicyAction, type PolicyState, initialPolicyState } from '../../shared/policy-editor/policy-editor.state';

export interface PolicyAdminActions {
  readonly dispatch: (action: PolicyAction) => void;
  readonly save: () => void;
  readonly retry: () => void;
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
    dispatch({ type: 'saveStarted' });
    void callResolver('policy/saveSite', { policy: checked.policy, baseVersion: s.view.version }).then((result) => {
      dispatch({ type: 'saved', result });
      if (result.ok) flagSuccess(POLICY_COPY.saved);
      reloadOnConflict(result);
    });
  }, [callResolver, reloadOnConflict]);

  return [state, { dispatch, save, retry }] as const;
}
