/**
 * The demo story `npm start` plays: every step goes through the app's resolvers and trigger, so this
 * fails as soon as the app stops accepting what a team would really do, and checks the newcomer
 * finds every surface with something on it.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { type DemoStory, playDemoStory } from '../../sandbox/scenarios/demo-story';
import { Sandbox } from '../../sandbox/sandbox';
import { jiraCall } from '../support/jira-helpers';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

describe('demo story', () => {
  let sandbox: Sandbox;
  let story: DemoStory;
  beforeAll(async () => {
    sandbox = await Sandbox.create({ scenario: 'demo' });
    story = await playDemoStory(sandbox);
  });

  it('lists one postmortem in review and one draft, and the Major incident that still has none', async () => {
    const result = await invokeResolver(sandbox, people.devon, 'postmortem/list', { projectKey: 'SHOP' }, 'postmortems');
    if (!result.ok) throw new Error(result.error.message);
    const list = result.data;
    expect(list.postmortems.map((row) => [row.incidents[0], row.status]).sort()).toEqual([
      ['SHOP-121', 'in-review'],
      ['SHOP-155', 'draft'],
    ]);
    expect(list.postmortems.find((row) => row.incidents[0] === 'SHOP-121')?.ownerName).toBe('Devon Park');
    expect(list.missing.map((incident) => incident.key)).toEqual(['SHOP-99']);
    expect(story.postmortems).toHaveLength(2);
  });

  it('has the decided Critical incident meet its Definition of Ready', async () => {
    const result = await invokeResolver(sandbox, people.devon, 'report/get', { issueKey: 'SHOP-121' });
    expect(result).toMatchObject({ ok: true, data: { readiness: { ready: true } } });
  });

  it('has the decided Critical incident carry what the severity policy applies', async () => {
    const issue = await jiraCall<{ fields: { priority: { name: string }; labels: string[]; issuelinks: unknown[] } }>(sandbox, 'app', 'GET', '/rest/api/3/issue/SHOP-121?fields=priority,labels,issuelinks');
    expect(issue.body.fields.labels).toContain('severity-critical');
    expect(issue.body.fields.priority.name).toBe('Highest');
    // The postmortem's two action items were filed as issues linked to the incident.
    const links = JSON.stringify(issue.body.fields.issuelinks);
    expect(links).toContain('Send an idempotency key with every payment request');
    expect(links).toContain('Alert on duplicate charges for the same basket');
  });

  it('has SHOP limit emergencies in progress to one, with the Critical incident taking the slot', async () => {
    const result = await invokeResolver(sandbox, people.devon, 'config/supportWip', { issueKey: 'SHOP-121' }, 'definition-of-ready-panel');
    expect(result).toMatchObject({ ok: true, data: { wip: { classOfService: 'emergency', limit: 1, othersInProgress: 0, thisInProgress: true } } });
  });
});
