/**
 * fixes part (issue 15): the warning before linking another project's incident names the
 * postmortem's reviewers who would lose access, not only its owner, action owners and role members.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { loadScenarioFile, DEMO_SCENARIO_PATH } from '../../sandbox/jira/index';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const PAGE = 'postmortems';
let sandbox: Sandbox;
let postmortemId: string;

beforeEach(async () => {
  // Mia browses SHOP, not OPS, and here is in none of SHOP's roles: only her being a reviewer makes her someone the check must name.
  const scenario = structuredClone(await loadScenarioFile(DEMO_SCENARIO_PATH));
  const shop = scenario.projects.find((project) => project.key === 'SHOP');
  if (shop === undefined) throw new Error('the demo has SHOP');
  shop.roleActors = { ...shop.roleActors, Developers: { users: [], groups: ['shop-developers'] } };
  sandbox = await Sandbox.create({ scenario });
  const incident = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout fails for gift cards' });
  const started = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
  postmortemId = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/setReviewers', { id: started.id, reviewers: [people.mia], baseRevision: started.revision }, PAGE)).postmortem.id;
});

describe('linking another project’s incident, with reviewers', () => {
  it('names a reviewer who cannot browse that project', async () => {
    const impact = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/linkImpact', { id: postmortemId, issueKey: 'OPS-28' }, PAGE));

    expect(impact.otherProject).toBe(true);
    expect(impact.losing.map((person) => person.displayName)).toEqual(['Mia Chen']);
  });
});
