/**
 * The workflow rule's settings page lists the other transitions of its workflow that reach a Done
 * status without the "published postmortem" rule (issue 15, item 6: an incident went
 * Reopen → Won't do → Closed without a postmortem because the rule sat on Close only). Through the
 * validator module's resolver, with the workflow read from the sandbox's Jira as Jira's bulk
 * workflows API returns it.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { Sandbox } from '../../sandbox/sandbox';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const WORKFLOW = 'firebreak-support-workflow';
const CLOSE = '71';
const WONT_DO = '91';
const RESOLVE = '51';
const VERIFY = '61';
const START = '21';

const ruleConfig = (postmortemPublished: boolean): string =>
  JSON.stringify({ rules: { severityPicked: false, severityConfirmed: false, definitionOfReady: false, assigneeAtOrAbove: null, reporterVerification: false, postmortemPublished, supportWipLimits: false }, failMode: 'closed' });

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});
beforeEach(async () => {
  await sandbox.reset();
});

const coverage = (as: string, transitionId: string, workflowId = WORKFLOW) => invokeResolver(sandbox, as, 'validator/closingCoverage', { workflowId, transitionId });

describe('the closing rule’s coverage', () => {
  it('names every other transition into a Done status that lacks the rule, by transition and statuses', async () => {
    sandbox.jira.upsertTransitionRule(WORKFLOW, CLOSE, { key: 'severity-policy-validator', configuration: ruleConfig(true) });

    const view = dataOf(await coverage(people.ada, CLOSE));

    expect(view.workflowName).toBe('Firebreak support workflow');
    expect(view.categoryName).toBe('Done');
    expect(view.uncovered.map((transition) => transition.label)).toEqual([
      'Resolve: In Progress → Resolved',
      'Verify: Resolved → Verified',
      "Won't do: New, Accepted or Waiting for reporter → Closed",
    ]);
  });

  it('no longer lists a transition once the rule with a published postmortem sits on it too', async () => {
    for (const transition of [CLOSE, WONT_DO, RESOLVE]) sandbox.jira.upsertTransitionRule(WORKFLOW, transition, { key: 'severity-policy-validator', configuration: ruleConfig(true) });

    const view = dataOf(await coverage(people.ada, CLOSE));

    expect(view.uncovered.map((transition) => transition.id)).toEqual([VERIFY]);
  });

  it('does not count a Firebreak rule without the postmortem rule, one whose settings are damaged, or another app’s rule', async () => {
    sandbox.jira.upsertTransitionRule(WORKFLOW, WONT_DO, { key: 'severity-policy-validator', configuration: ruleConfig(false) });
    sandbox.jira.upsertTransitionRule(WORKFLOW, RESOLVE, { key: 'severity-policy-validator', configuration: '{"rules":' });
    sandbox.jira.upsertTransitionRule(WORKFLOW, VERIFY, { key: 'someone-elses-validator', configuration: ruleConfig(true) });

    const view = dataOf(await coverage(people.ada, CLOSE));

    expect(view.uncovered.map((transition) => transition.id)).toEqual([RESOLVE, VERIFY, WONT_DO]);
  });

  it('compares with the transition’s own status category: a rule on Start progress lists nothing into Done', async () => {
    const view = dataOf(await coverage(people.ada, START));

    expect(view.categoryName).toBe('In Progress');
    expect(view.uncovered.map((transition) => transition.label)).toEqual(['Request info: New, Accepted or In Progress → Waiting for reporter']);
  });

  it('says so when the saved workflow has no such transition (added in the editor, not saved yet)', async () => {
    const view = dataOf(await coverage(people.ada, '999'));

    expect(view).toEqual({ workflowName: 'Firebreak support workflow', categoryName: null, uncovered: [] });
  });

  it('refuses anyone who is not a Jira admin, and a workflow Jira does not return', async () => {
    expectRefusal(await coverage(people.devon, CLOSE), 'FORBIDDEN');
    expectRefusal(await coverage(people.ada, CLOSE, 'no-such-workflow'), 'NOT_FOUND', /could not list|cannot list/);
  });
});
