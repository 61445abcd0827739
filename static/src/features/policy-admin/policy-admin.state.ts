import type { PolicyView } from '@contract/policy.contract';

import { type PolicyAction, type PolicyState, reducePolicyWith } from '../../shared/policy-editor/policy-editor.state';

/** The severity policy page's state machine: load, edit the draft, save. The hook only performs the calls. */
export const POLICY_COPY = {
  loading: 'Loading the severity policy…',
  readOnly: 'Only Jira admins can change the severity policy.',
  conflict: 'Someone else saved the severity policy while you were editing. Loading their version to put your changes on top…',
  /** What was saved, in the sentence shown once their version is back. */
  subject: 'the severity policy',
  saved: 'Severity policy saved',
} as const;

export function reducePolicy(state: PolicyState, action: PolicyAction): PolicyState {
  return reducePolicyWith(POLICY_COPY, state, action);
}

/** Shared with the capacity gadget, which shows the same budget. */
export { budgetSentence } from '../../shared/severity-policy';

/** "Firebreak's default (not saved yet)" or "Saved policy, version 3". */
export function sourceSentence(view: Pick<PolicyView, 'source' | 'version'>): string {
  switch (view.source) {
    case 'default':
      return 'Firebreak’s default policy: nothing is saved for this site yet.';
    case 'site':
      return `The site’s saved policy, version ${String(view.version)}.`;
    case 'project':
      return `This project’s own policy, version ${String(view.version)}.`;
  }
}
