import type { ClosingCoverageView } from '@contract/closing-coverage.contract';
import type { ResolverResult } from '@contract/result';
import { useState } from 'react';

import { useLatestLoad } from '../../app/use-latest-load';
import { Banner } from '../../ui/Banner';

export type CoverageLoad = () => Promise<ResolverResult<ClosingCoverageView>>;

type State = { readonly status: 'loading' } | { readonly status: 'ready'; readonly view: ClosingCoverageView } | { readonly status: 'failed'; readonly message: string };

/**
 * What Firebreak can know here, and says: the workflow as Jira last saved it (read by the id Jira
 * gives this page), so transitions or rules added in this editing session show only once the
 * workflow is saved; and only moves through transitions, never a status change Jira makes without
 * one (a workflow scheme migration).
 */
const LIMITS = 'Read from the workflow as last saved: rules added since show once it is saved. Status changes Jira makes without a transition (switching workflow schemes) are not checked.';

/**
 * Under the "published postmortem" rule: the other transitions of this workflow that reach a status
 * of the same category (Done) without that rule, by name, and how to cover them. Loaded once.
 */
export function ClosingCoverage({ load }: { readonly load: CoverageLoad }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useLatestLoad(load, (result) => setState(result.ok ? { status: 'ready', view: result.data } : { status: 'failed', message: result.error.message }));

  if (state.status === 'loading')
    return (
      <p className="fb-meta" role="status">
        Checking the workflow’s other closing transitions…
      </p>
    );
  if (state.status === 'failed')
    return (
      <p className="fb-helper" role="alert">
        Firebreak could not check this workflow’s other closing transitions: {state.message}
      </p>
    );
  const { view } = state;
  if (view.categoryName === null)
    return <p className="fb-helper">Save the workflow with this transition, then open the rule again: Firebreak lists the other transitions that close an issue without it.</p>;
  if (view.uncovered.length === 0)
    return (
      <p className="fb-helper" data-closing-coverage="covered">
        Every other transition of “{view.workflowName}” into a {view.categoryName} status also requires a published postmortem. {LIMITS}
      </p>
    );
  return (
    <div data-closing-coverage="gaps">
      <Banner tone="warning" title="Other ways to close without a postmortem">
        <p className="fb-text">
          {view.uncovered.length === 1 ? 'This transition' : `These ${String(view.uncovered.length)} transitions`} of “{view.workflowName}” also reach a {view.categoryName} status without this rule,
          so an incident can close through {view.uncovered.length === 1 ? 'it' : 'them'} with no published postmortem:
        </p>
        <ul>
          {view.uncovered.map((transition) => (
            <li key={transition.id}>{transition.label}</li>
          ))}
        </ul>
        <p className="fb-helper">
          To cover {view.uncovered.length === 1 ? 'it' : 'each'}: select the transition in this workflow, add the Firebreak severity policy rule, tick “A published postmortem is required”, and save the
          workflow. {LIMITS}
        </p>
      </Banner>
    </div>
  );
}
