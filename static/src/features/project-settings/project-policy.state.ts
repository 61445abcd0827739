/**
 * The project settings page's "Severity policy for this project" section: the policy editor's state
 * machine (`shared/policy-editor/policy-editor.state.ts`) plus whether this project overrides the site's policy, and the
 * payload "Save project policy" sends. Pure; the hook only performs the calls.
 */
import type { PolicyView, SeverityPolicy } from '@contract/policy.contract';

import { type PolicyAction, type PolicyEditingState, type PolicyState, canEditPolicy, initialPolicyState, reducePolicyWith } from '../../shared/policy-editor/policy-editor.state';
import { draftOf, toPolicy } from '../../shared/policy-editor/policy-form';

export const PROJECT_POLICY_COPY = {
  loading: 'Loading this project’s severity policy…',
  readOnly: 'Only project admins can give this project its own severity policy.',
  conflict: 'Someone else changed this project’s severity policy while you were editing. Loading their version to put your changes on top…',
  subject: 'this project’s severity policy',
  saved: 'Project severity policy saved',
  nothingToSave: 'This project already uses the site’s policy.',
} as const;

export interface ProjectPolicyState {
  readonly policy: PolicyState;
  /** "Override the site policy for this project": ticked while the project has (or is getting) its own. */
  readonly override: boolean;
}

export type ProjectPolicyAction = PolicyAction | { readonly type: 'override'; readonly on: boolean };

export const initialProjectPolicyState: ProjectPolicyState = { policy: initialPolicyState, override: false };

/** Where the policy shown comes from, as one sentence under the section's title. */
export function projectSourceSentence(view: Pick<PolicyView, 'source' | 'version'>): string {
  switch (view.source) {
    case 'project':
      return `This project uses its own policy (this project’s own), version ${String(view.version)}.`;
    case 'site':
      return 'This project uses the site’s policy.';
    case 'default':
      return 'This project uses Firebreak’s default: neither the site nor this project has saved a policy.';
  }
}

const fromView = (policy: PolicyState): boolean => policy.status === 'ready' && policy.view.source === 'project';

export function reduceProjectPolicy(state: ProjectPolicyState, action: ProjectPolicyAction): ProjectPolicyState {
  if (action.type === 'override') {
    const { policy } = state;
    if (policy.status !== 'ready' || !canEditPolicy(policy) || policy.saving) return state;
    // Unticking drops the edits: the form starts again from the policy that applies now.
    return { override: action.on, policy: action.on ? policy : { ...policy, draft: draftOf(policy.view.policy), fieldErrors: {} } };
  }
  const policy = reducePolicyWith(PROJECT_POLICY_COPY, state.policy, action);
  const viewChanged = policy.status === 'ready' && (state.policy.status !== 'ready' || policy.view !== state.policy.view);
  // After a conflict, a tick or untick the admin had not saved yet stays theirs to save again.
  const overrideEdited = action.type === 'reloaded' && state.override !== fromView(state.policy);
  return { policy, override: viewChanged && !overrideEdited ? fromView(policy) : state.override };
}

export type ProjectPolicySave =
  | { readonly kind: 'send'; readonly policy: SeverityPolicy | null }
  | { readonly kind: 'invalid'; readonly errors: Readonly<Record<string, string>> }
  /** Not overriding and nothing of the project's own to remove. */
  | { readonly kind: 'nothing' };

/** What "Save project policy" sends: the edited policy, `null` to go back to the site's, or nothing. */
export function projectPolicySave(state: PolicyEditingState, override: boolean): ProjectPolicySave {
  if (!override) return state.view.source === 'project' ? { kind: 'send', policy: null } : { kind: 'nothing' };
  const checked = toPolicy(state.draft);
  return checked.ok ? { kind: 'send', policy: checked.policy } : { kind: 'invalid', errors: checked.errors };
}

/** Whether "Save project policy" has anything to do (the button says so). */
export function hasProjectPolicyChange(state: PolicyEditingState, override: boolean, dirty: boolean): boolean {
  if (!override) return state.view.source === 'project';
  return state.view.source !== 'project' || dirty;
}
