/**
 * Jira's clock and the app's agree. The app reads the machine's clock, as functions do on Forge; the
 * sandbox's Jira must therefore live in the same present, or every due time the app writes reads
 * wrong next to Jira's own dates (a policy comment dated 20 Nov promising a first response "by 07:17
 * UTC" of today). A scenario's `now` is the moment it loads.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { Sandbox } from '../../sandbox/sandbox';
import { playDemoStory } from '../../sandbox/scenarios/demo-story';
import { appPolicyState } from '../support/app-storage';
import { jiraCall } from '../support/jira-helpers';
import { people } from '../support/people';

const MINUTE = 60_000;
/** The two clocks are read a moment apart while the test runs; this is agreement, not a timing. */
const SAME_MOMENT = 5 * MINUTE;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  await playDemoStory(sandbox);
});

const jiraTime = (text: string): number => Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));

describe('the demo site lives in the present', () => {
  it("puts Jira's now at the moment the scenario loaded", async () => {
    const info = await jiraCall<{ serverTime: string }>(sandbox, 'app', 'GET', '/rest/api/3/serverInfo');
    expect(Math.abs(jiraTime(info.body.serverTime) - Date.now())).toBeLessThan(SAME_MOMENT);
  });

  it('runs the active sprint around today, and every closed sprint before it', async () => {
    const sprints = await jiraCall<{ values: Array<{ state: string; startDate?: string; endDate?: string }> }>(sandbox, people.sam, 'GET', '/rest/agile/1.0/board/1/sprint?state=active,closed');
    const active = sprints.body.values.find((sprint) => sprint.state === 'active');
    expect(active).toBeDefined();
    expect(Date.parse(active?.startDate ?? '')).toBeLessThan(Date.now());
    expect(Date.parse(active?.endDate ?? '')).toBeGreaterThan(Date.now());
    for (const closed of sprints.body.values.filter((sprint) => sprint.state === 'closed')) expect(Date.parse(closed.endDate ?? '')).toBeLessThan(Date.now());
  });

  it("dates the policy's due times from the moment Jira recorded the decision", async () => {
    const issue = await jiraCall<{ fields: { comment: { comments: Array<{ created: string; author: { accountId: string } }> } } }>(sandbox, 'app', 'GET', '/rest/api/3/issue/SHOP-121?fields=comment');
    const state = await appPolicyState(sandbox, 'SHOP-121');
    expect(state).toBeDefined();
    const policyComment = issue.body.fields.comment.comments.filter((comment) => comment.author.accountId === sandbox.scenario.site.appAccountId).at(-1);
    expect(policyComment).toBeDefined();
    // The comment and the decision it states happen together, in Jira's time and the app's.
    expect(Math.abs(jiraTime(policyComment?.created ?? '') - Date.parse(state?.decisionAt ?? ''))).toBeLessThan(SAME_MOMENT);
    expect(Date.parse(state?.responseDueAt ?? '')).toBeGreaterThan(Date.parse(state?.decisionAt ?? ''));
  });

  it('keeps the story of each issue in the past', async () => {
    const found = await jiraCall<{ issues: Array<{ key: string; fields: { created: string; updated: string } }> }>(sandbox, 'app', 'POST', '/rest/api/3/search/jql', {
      jql: 'project = SHOP ORDER BY created DESC',
      fields: ['created', 'updated'],
      maxResults: 100,
    });
    expect(found.body.issues.length).toBeGreaterThan(10);
    for (const issue of found.body.issues) expect(jiraTime(issue.fields.created)).toBeLessThanOrEqual(Date.now() + SAME_MOMENT);
    // The newest issue was filed recently, not weeks before today.
    expect(Date.now() - jiraTime(found.body.issues[0]?.fields.created ?? '')).toBeLessThan(7 * 24 * 60 * MINUTE);
  });
});
