/**
 * Journey: start a postmortem from a Critical incident, see the timeline match the incident's
 * history, answer the five questions, add an action that becomes a linked Jira issue, get a
 * blame-phrasing hint, publish, export Markdown. The no-access user cannot read it.
 */
import { join } from 'node:path';

import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { APP_ROOT } from '../../sandbox/sandbox';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { reviewAndApprove } from '../support/postmortem-review';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const OUTSIDER = people.otto;
const SCRUM_MASTER = people.sam;

const world = useBrowserSandbox('demo');

/** Jira's project page URL for Firebreak, with the app's route to one postmortem after it. */
const POSTMORTEM_URL = /\/jira\/software\/projects\/SHOP\/apps\/[^/]+\/sandbox-environment\/postmortem\/pm-[^/]+$/;

const page = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="postmortems"]');

describe('postmortem', () => {
  let incident = '';
  let postmortemId = '';

  it('starts from a Critical incident and shows its history as the timeline', async () => {
    incident = await createIssue(world.sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Payments fail for every card' });
    await jiraCall(world.sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${incident}/assignee`, { accountId: TRIAGER });
    await jiraCall(world.sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${incident}/comment`, {
      body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Switched to the fallback provider.' }] }] },
    });
    await invokeResolver(world.sandbox, REPORTER, 'report/save', { issueKey: incident, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 });
    await invokeResolver(world.sandbox, TRIAGER, 'triage/decideSeverity', { issueKey: incident, level: 'critical', reason: '', baseRevision: 1 });
    await world.sandbox.runtime.drain();

    const devon = await Person.at(world, TRIAGER, `/browse/${incident}`);
    await devon.reportPanel.getByRole('button', { name: 'Start postmortem' }).click();
    // Lands on the new postmortem itself, at Jira's project page URL with the app's route after it.
    await devon.page.waitForURL(POSTMORTEM_URL);

    const pm = page(devon);
    await pm.getByRole('heading', { level: 1, name: /Postmortem: Payments fail for every card/ }).waitFor();
    await pm.getByText('Comment: Switched to the fallback provider.').first().waitFor();
    await pm.getByText(`${incident} created`).first().waitFor();
    await pm.getByText('Assignee: none → Devon Park').first().waitFor();
    const ids = world.sandbox.kvs.dump();
    postmortemId = Object.keys(ids.entities['postmortem'] ?? {})[0] ?? '';
    expect(postmortemId).toMatch(/^pm-/);
    expect(new URL(devon.page.url()).pathname.endsWith(`/postmortem/${postmortemId}`)).toBe(true);
    await devon.close();
  });

  it('is one link away from the incident, and keeps its place through reload and the back button', async () => {
    const devon = await Person.at(world, TRIAGER, `/browse/${incident}`);
    await devon.reportPanel.getByText('Postmortem: Payments fail for every card (draft)', { exact: true }).waitFor();
    await devon.reportPanel.getByRole('button', { name: 'Open postmortem' }).click();
    await devon.page.waitForURL(POSTMORTEM_URL);
    const pm = page(devon);
    await pm.getByRole('heading', { level: 1, name: /Postmortem: Payments fail for every card/ }).waitFor();

    await devon.page.reload();
    await page(devon).getByRole('heading', { level: 1, name: /Postmortem: Payments fail for every card/ }).waitFor();

    await page(devon).getByRole('button', { name: 'Back to all postmortems' }).click();
    await page(devon).getByRole('heading', { level: 1, name: 'Postmortems' }).waitFor();
    expect(new URL(devon.page.url()).pathname).toMatch(/\/apps\/[^/]+\/sandbox-environment$/);

    // An incident key opens the incident in a new tab (router.open); the list stays where it is.
    const [issueTab] = await Promise.all([devon.page.context().waitForEvent('page'), page(devon).getByRole('link', { name: incident, exact: true }).first().click()]);
    await issueTab.waitForURL(new RegExp(`/browse/${incident}$`));
    await issueTab.close();
    expect(new URL(devon.page.url()).pathname).toMatch(/\/sandbox-environment$/);

    // The browser's back button returns to the postmortem.
    await devon.page.goBack();
    await devon.page.waitForURL(POSTMORTEM_URL);
    await page(devon).getByRole('heading', { level: 1, name: /Postmortem: Payments fail for every card/ }).waitFor();
    await page(devon).getByRole('button', { name: 'Back to all postmortems' }).click();

    // Unsaved work is not lost on the way out: the Back button asks, the browser's back button stays.
    await page(devon).getByRole('button', { name: /Postmortem: Payments fail for every card/ }).click();
    await devon.page.waitForURL(POSTMORTEM_URL);
    await page(devon).getByLabel('Summary', { exact: true }).fill('Half-written summary');
    await page(devon).getByRole('button', { name: 'Back to all postmortems' }).click();
    await page(devon).getByRole('button', { name: 'Keep editing' }).click();
    await devon.page.goBack();
    await page(devon).getByText(/You have unsaved changes, so the postmortem stayed open/).waitFor();
    await devon.page.waitForURL(POSTMORTEM_URL);
    expect(await page(devon).getByLabel('Summary', { exact: true }).inputValue()).toBe('Half-written summary');
    await page(devon).getByRole('button', { name: 'Back to all postmortems' }).click();
    await page(devon).getByRole('button', { name: 'Discard changes and go back' }).click();
    await page(devon).getByRole('heading', { level: 1, name: 'Postmortems' }).waitFor();
    expect(dataOf(await invokeResolver(world.sandbox, TRIAGER, 'postmortem/get', { id: postmortemId })).postmortem.summary).not.toBe('Half-written summary');

    // A link to a postmortem that does not exist lands on the list, saying so.
    const listPath = new URL(devon.page.url()).pathname;
    expect(listPath).toMatch(/\/sandbox-environment$/);
    await devon.goto(`${listPath}/postmortem/pm-gone`);
    await page(devon).getByRole('heading', { level: 1, name: 'Postmortems' }).waitFor();
    await page(devon).getByText(/postmortem pm-gone, or it doesn.t exist/).first().waitFor();
    await expect.poll(() => new URL(devon.page.url()).pathname).toMatch(/\/sandbox-environment$/);
    await devon.finish();
  });

  it('takes the five questions and an action that becomes a linked Jira issue, with a blame hint', async () => {
    const devon = await Person.at(world, TRIAGER, '/jira/projects/SHOP/apps');
    const pm = page(devon);
    await pm.getByRole('button', { name: /Postmortem: Payments fail for every card/ }).click();

    await pm.getByLabel('Summary', { exact: true }).fill('Card payments failed for 42 minutes after a provider config change.');
    await pm.getByLabel('Customer impact', { exact: true }).fill('About 1,200 checkouts failed; no data was lost.');
    await pm.getByLabel('Detect', { exact: true }).fill('Alert on payment success rate per provider.');
    await pm.getByLabel('React', { exact: true }).fill('Page the payments owner directly.');
    await pm.getByLabel('Quick fix', { exact: true }).fill('A one-click provider switch.');
    await pm.getByLabel('Prevent', { exact: true }).fill('Validate provider config in CI. The engineer should have checked the dashboard.');
    await pm.getByLabel('Other areas of risk', { exact: true }).fill('Shipping rates use the same single config.');
    await pm.getByRole('button', { name: 'Add action' }).click();
    const action = pm.getByRole('group', { name: 'Action 1', exact: true });
    await action.getByLabel('Title', { exact: true }).fill('Alert on payment success rate per provider');
    await action.getByLabel('Find owner by name', { exact: true }).fill('Devon');
    await action.getByRole('button', { name: 'Find', exact: true }).click();
    await action.getByRole('button', { name: 'Choose Devon Park' }).click();
    await action.getByLabel('Decision', { exact: true }).selectOption('accepted');
    await action.getByLabel('Due date', { exact: true }).fill('2026-12-04');
    await pm.getByLabel('Link another incident', { exact: true }).fill('SHOP-1');
    await pm.getByRole('button', { name: 'Link incident' }).click();
    await pm.getByRole('button', { name: 'Save postmortem' }).click();

    await pm.getByText(/should have/).first().waitFor();
    await expect.poll(async () => invokeResolver(world.sandbox, TRIAGER, 'postmortem/forIssue', { issueKey: 'SHOP-1' })).toMatchObject({ ok: true, data: { postmortem: { id: postmortemId } } });
    await action.getByRole('button', { name: 'Create Jira issue' }).click();
    await action.getByRole('link', { name: /^SHOP-\d+$/ }).waitFor();
    const issueKey = (await action.getByRole('link', { name: /^SHOP-\d+$/ }).textContent()) ?? '';
    const created = await jiraCall<{ fields: { summary: string; issuelinks: unknown[] } }>(world.sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=summary,issuelinks`);
    expect(created.body.fields.summary).toBe('Alert on payment success rate per provider');
    expect(JSON.stringify(created.body.fields.issuelinks)).toContain(incident);

    // Someone deletes the action's issue in Jira: the postmortem still opens, says so, and files it again.
    expect((await jiraCall(world.sandbox, people.ada, 'DELETE', `/rest/api/3/issue/${issueKey}`)).status).toBe(204);
    await devon.page.reload();
    const reopened = page(devon).getByRole('group', { name: 'Action 1', exact: true });
    await reopened.getByText(`${issueKey} no longer opens in Jira`).waitFor();
    await reopened.getByRole('button', { name: 'File again' }).click();
    await expect.poll(async () => (await reopened.getByRole('link', { name: /^SHOP-\d+$/ }).count()) === 1 && (await reopened.getByRole('link', { name: /^SHOP-\d+$/ }).textContent()) !== issueKey).toBe(true);
    await devon.close();
  });

  it('never loses a concurrent edit: the second save conflicts, keeps both people’s changes and hands back the overlap', async () => {
    const devon = await Person.open(world.browser, world.server, TRIAGER);
    const sam = await Person.open(world.browser, world.server, SCRUM_MASTER);
    for (const person of [devon, sam]) {
      await person.goto('/jira/projects/SHOP/apps');
      await page(person).getByRole('button', { name: /Postmortem: Payments fail for every card/ }).click();
      await page(person).getByLabel('Customer impact', { exact: true }).waitFor();
    }

    await page(sam).getByLabel('Customer impact', { exact: true }).fill('About 1,300 checkouts failed (Sam’s count from the payment logs).');
    await page(sam).getByLabel('React', { exact: true }).fill('Page the payments owner directly; post in #incidents.');
    await page(sam).getByRole('button', { name: 'Save postmortem' }).click();
    await expect.poll(async () => ((await invokeResolver(world.sandbox, SCRUM_MASTER, 'postmortem/get', { id: postmortemId })) as { data?: { postmortem?: { answers?: { react?: string } } } }).data?.postmortem?.answers?.react).toContain('#incidents');

    const pm = page(devon);
    await pm.getByLabel('Customer impact', { exact: true }).fill('About 1,250 checkouts failed (Devon’s count).');
    await pm.getByLabel('Detect', { exact: true }).fill('Alert on payment success rate per provider, within 2 minutes.');
    await pm.getByRole('button', { name: 'Save postmortem' }).click();

    await pm.getByText(/Someone else saved this postmortem while you were editing\. Their version is shown with your changes on top \(Detect\)\. You both changed Customer impact/).waitFor();
    expect(await pm.getByLabel('Customer impact', { exact: true }).inputValue()).toContain('Sam’s count');
    expect(await pm.getByLabel('React', { exact: true }).inputValue()).toContain('#incidents');
    expect(await pm.getByLabel('Detect', { exact: true }).inputValue()).toContain('within 2 minutes');
    expect(await pm.getByLabel('Your version of Customer impact', { exact: true }).inputValue()).toBe('About 1,250 checkouts failed (Devon’s count).');

    await pm.getByRole('button', { name: 'Save postmortem' }).click();
    await expect
      .poll(async () => ((await invokeResolver(world.sandbox, TRIAGER, 'postmortem/get', { id: postmortemId })) as { data?: { postmortem?: { answers?: { detect?: string } } } }).data?.postmortem?.answers?.detect)
      .toContain('within 2 minutes');
    const stored = dataOf(await invokeResolver(world.sandbox, TRIAGER, 'postmortem/get', { id: postmortemId }));
    expect(stored.postmortem.customerImpact).toContain('Sam’s count');
    expect(stored.postmortem.answers.react).toContain('#incidents');
    expect([...devon.errors, ...sam.errors]).toEqual([]);
    await devon.close();
    await sam.close();
  });

  it('publishes and exports Markdown', async () => {
    // Reviewed and approved first (the review itself is postmortem-review.journey.test.ts).
    const current = dataOf(await invokeResolver(world.sandbox, TRIAGER, 'postmortem/get', { id: postmortemId }));
    await reviewAndApprove(world.sandbox, TRIAGER, people.mia, current);
    const devon = await Person.at(world, TRIAGER, '/jira/projects/SHOP/apps');
    const pm = page(devon);
    await pm.getByRole('button', { name: /Postmortem: Payments fail for every card/ }).click();

    await pm.getByRole('button', { name: 'Publish', exact: true }).click();
    const anyway = pm.getByRole('button', { name: 'Publish anyway' });
    if (await anyway.isVisible()) await anyway.click();
    await expect.poll(async () => (await invokeResolver(world.sandbox, TRIAGER, 'postmortem/get', { id: postmortemId })) as { data?: { postmortem?: { status?: string } } }).toMatchObject({ data: { postmortem: { status: 'published' } } });
    await pm.getByRole('button', { name: 'Export Markdown' }).click();
    const markdown = await pm.getByLabel('Markdown', { exact: true }).inputValue();
    expect(markdown).toContain('## Detect');
    expect(markdown).toContain('Alert on payment success rate per provider');
    await devon.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'postmortem.png'), fullPage: true });
    await devon.finish();
  });

  it('is not readable by the user without access to the incident', async () => {
    expectRefusal(await invokeResolver(world.sandbox, OUTSIDER, 'postmortem/get', { id: postmortemId }), 'FORBIDDEN');
    const otto = await Person.at(world, OUTSIDER, '/jira/projects/SHOP/apps');
    expect(await page(otto).getByText('Payments fail for every card').count()).toBe(0);
    await otto.close();
  });
});
