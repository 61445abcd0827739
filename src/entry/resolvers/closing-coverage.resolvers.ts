import { ok } from '../../contract/result';
import { uncoveredClosingTransitions } from '../../domain/policy/closing-coverage';
import { readWorkflow } from '../../jira/workflows';
import { Refusal } from '../refusal';
import { defineResolver } from './resolver-definition';

/**
 * The workflow rule's settings page asks which other transitions reach the same status category
 * without the "published postmortem" rule. Read as the Jira admin on the page (Jira decides which
 * workflows they may read); Jira admins only, like the policy the page already reads.
 */
export const closingCoverage = defineResolver({
  key: 'validator/closingCoverage',
  access: { kind: 'global', permission: 'ADMINISTER' },
  examplePayload: () => ({ workflowId: 'firebreak-support-workflow', transitionId: '71' }),
  async handle({ workflowId, transitionId }, handler) {
    const workflow = await readWorkflow(handler.jira.asUser, workflowId);
    if (workflow === null) throw new Refusal('NOT_FOUND', 'Jira did not return this workflow, so Firebreak cannot list its other closing transitions. Save the workflow, then open this rule again.');
    const coverage = uncoveredClosingTransitions(workflow, transitionId);
    return ok(
      coverage.kind === 'listed'
        ? { workflowName: workflow.name, categoryName: coverage.categoryName, uncovered: [...coverage.uncovered] }
        : { workflowName: workflow.name, categoryName: null, uncovered: [] },
    );
  },
});
