/**
 * The gadget editor's reads and saves beyond the figures (issue 14, item 7): the project's default
 * criteria shown to whoever may browse the project, and a forged JQL clause refused at the door.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_SUPPORT_CRITERIA } from '../../src/contract/capacity.values';
import { Sandbox } from '../../sandbox/sandbox';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

const saveShopCriteria = async (supportCriteria: unknown) => {
  const { config } = dataOf(await invokeResolver(sandbox, people.sam, 'config/getProject', { projectKey: 'SHOP' }));
  return invokeResolver(sandbox, people.sam, 'config/saveProject', { projectKey: 'SHOP', baseVersion: 0, config: { ...config, supportCriteria } as never });
};

describe('capacity/projectCriteria', () => {
  it('shows Firebreak’s built-in criteria while the project has none of its own', async () => {
    expect(dataOf(await invokeResolver(sandbox, people.mia, 'capacity/projectCriteria', { projectKey: 'SHOP' }))).toEqual({ criteria: DEFAULT_SUPPORT_CRITERIA, source: 'firebreak' });
  });

  it('shows the project’s own criteria to a member who is not an admin', async () => {
    const own = { kinds: ['incident'], classesOfService: [], issueTypes: ['Bug'], labels: ['ops'], jql: 'component = "Payments"' };
    expect((await saveShopCriteria(own)).ok).toBe(true);

    expect(dataOf(await invokeResolver(sandbox, people.mia, 'capacity/projectCriteria', { projectKey: 'SHOP' }))).toEqual({ criteria: own, source: 'project' });
  });

  it('refuses someone who may not browse the project', async () => {
    expectRefusal(await invokeResolver(sandbox, people.otto, 'capacity/projectCriteria', { projectKey: 'SHOP' }), 'FORBIDDEN', 'project SHOP');
  });
});

describe('a JQL clause that would escape the sprint filter', () => {
  it.each(['X) OR (Y', 'project = SHOP ORDER BY key', 'OR project = SHOP'])('%j is refused by project settings and by the gadget, before any search', async (jql) => {
    const criteria = { kinds: ['incident'], classesOfService: [], issueTypes: [], labels: [], jql };
    const saved = await saveShopCriteria(criteria);
    expectRefusal(saved, 'INVALID_INPUT', 'The JQL clause is not valid.');

    const before = sandbox.jira.metering.snapshot().total.calls;
    const computed = await invokeResolver(sandbox, people.sam, 'capacity/compute', { boardId: 1, sprint: 'active', measure: 'count', trendSprints: 2, planningSprints: 1, criteria: criteria as never });
    expectRefusal(computed, 'INVALID_INPUT', 'The JQL clause is not valid.');
    expect(sandbox.jira.metering.snapshot().total.calls).toBe(before);
  });
});
