/// <reference lib="dom" />
/**
 * Journey: Jira's issue view stays current while Devon (on-call triager) works an issue from the
 * app's panels. Deciding, classifying and sending back ask Jira to refresh the issue view, and its
 * status, assignee, priority, labels and comments change without a page reload; the Production
 * report shows the due times (overdue in red). First, the sandbox's own fidelity: its issue view
 * refreshes as Jira's does, and other places answer that they are not refreshable.
 */
import { join } from 'node:path';

import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { APP_ROOT } from '../../sandbox/sandbox';
import { appPolicyState, changeAppPolicyState } from '../support/app-storage';
import { Person, REPORT_FRAME, useBrowserSandbox } from '../support/host-page';
import { invokeResolver } from '../support/invoke-resolver';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;

const world = useBrowserSandbox('demo');

/** An issue Rita reported as Critical, with the environment left out (so it can be sent back). */
const reportedIssue = async (): Promise<string> => {
  const issueKey = await createIssue(world.sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Card payments time out' });
  await invokeResolver(world.sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields({ environment: '' }), reporterSeverity: 'critical', baseRevision: 0 });
  return issueKey;
};

/** Marks the host page, so a test can tell a refresh (marker kept) from a page reload (marker gone). */
const markPage = (person: Person): Promise<void> => person.page.evaluate(() => void Object.assign(window, { notReloaded: true }));
const pageKept = (person: Person): Promise<boolean> => person.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
const renders = (person: Person): Promise<string> => person.page.evaluate(() => document.querySelector('main')?.dataset['issueViewRenders'] ?? '1');

const frameOf = async (person: Person, selector: string): Promise<Frame> => {
  const frame = await (await person.page.waitForSelector(selector)).contentFrame();
  if (frame === null) throw new Error(`${selector} has no frame`);
  return frame;
};

describe('the sandbox’s issue view refreshes as Jira’s does', () => {
  it('re-reads the issue and renders its view again, app frames included, without reloading the page', async () => {
    const issueKey = await reportedIssue();
    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);
    await devon.reportPanel.getByText(/Reporter: Critical/).waitFor();
    await markPage(devon);
    const panel = await frameOf(devon, REPORT_FRAME);

    await jiraCall(world.sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { priority: { name: 'Lowest' }, labels: ['from-elsewhere'] } });
    expect(await devon.page.getByTestId('issue-priority').textContent()).not.toBe('Lowest');
    // What @forge/bridge's view.refresh() sends; the frame that asks is rendered again, so no answer is awaited.
    await panel.evaluate(() => void (window as unknown as { __bridge: { callBridge: (name: string) => Promise<unknown> } }).__bridge.callBridge('refresh'));

    await expect.poll(() => devon.page.getByTestId('issue-priority').textContent()).toBe('Lowest');
    expect(await devon.page.getByTestId('issue-labels').textContent()).toBe('from-elsewhere');
    expect(await renders(devon)).toBe('2');
    expect(await pageKept(devon)).toBe(true);
    expect(panel.isDetached()).toBe(true);
    await devon.reportPanel.getByText(/Reporter: Critical/).waitFor();
    await devon.finish();
  });

  it('answers false to a module that is not on the issue view, so the bridge says it is not refreshable', async () => {
    const devon = await Person.at(world, TRIAGER, '/jira/projects/SHOP/apps');
    const page = await frameOf(devon, 'iframe[data-module-key="postmortems"]');

    const answer = await page.evaluate(() => (window as unknown as { __bridge: { callBridge: (name: string) => Promise<unknown> } }).__bridge.callBridge('refresh'));

    expect(answer).toBe(false);
    await devon.close();
  });
});

describe('Devon works an issue and Jira’s issue view keeps up', () => {
  it('decides, classifies and sends back; status, assignee, priority, labels and comments change without a reload', async () => {
    const issueKey = await reportedIssue();
    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);
    await markPage(devon);
    const panel = devon.reportPanel;

    await panel.getByRole('button', { name: 'Triage' }).click();
    await panel.getByLabel('Decided severity').selectOption({ label: 'Critical' });
    await panel.getByRole('button', { name: 'Decide severity' }).click();

    await expect.poll(() => devon.page.getByTestId('issue-priority').textContent()).toBe('Highest');
    expect(await devon.page.getByTestId('issue-labels').textContent()).toContain('severity-critical');
    await devon.page.locator('.comment-list li').filter({ hasText: 'Critical: all hands.' }).waitFor();
    await devon.page.getByRole('status').filter({ hasText: 'Severity decided' }).first().waitFor();
    // The panel, rendered again, still has Triage open and shows the due times it just applied.
    const due = panel.getByRole('list', { name: 'Due times' });
    await due.getByText(/^First response due .+ \(in 1[45] min/).waitFor();
    await due.getByText(/^Next update due .+ \(in (29|30) min/).waitFor();
    const state = await appPolicyState(world.sandbox, issueKey);
    expect((await jiraCall<{ fields: { duedate: string } }>(world.sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=duedate`)).body.fields.duedate).toBe(state?.responseDueAt.slice(0, 10));
    expect(await devon.page.getByTestId('issue-due-date').textContent()).toBe(state?.responseDueAt.slice(0, 10));

    // Deciding the same level again changes nothing, and says so; Jira has nothing new to show.
    const before = await renders(devon);
    await panel.getByRole('button', { name: 'Decide severity' }).click();
    await panel.getByText('Already decided Critical; nothing changed.').waitFor();
    expect(await renders(devon)).toBe(before);

    await panel.getByLabel('Level').selectOption({ label: 'System problem' });
    await panel.getByLabel('Kind').selectOption({ label: 'Incident' });
    await panel.getByLabel('Class of service').selectOption({ label: 'Emergency' });
    await panel.getByRole('button', { name: 'Save classification' }).click();
    await expect.poll(() => renders(devon)).not.toBe(before);

    // Folded away, Triage leaves the classification in the summary.
    await panel.getByRole('button', { name: 'Triage' }).click();
    await panel.getByText('Classified: Incident · Emergency · System problem').waitFor();

    await devon.readyPanel.getByRole('button', { name: 'Send back to reporter' }).click();
    await devon.readyPanel.getByRole('button', { name: 'Confirm send back' }).click();
    await expect.poll(() => devon.page.getByTestId('issue-status').textContent()).toBe('Waiting for reporter');
    expect(await devon.page.getByTestId('issue-assignee').textContent()).toBe('Rita Reyes');
    await devon.page.locator('.comment-list li').filter({ hasText: 'Environment' }).first().waitFor();
    await devon.page.getByRole('button', { name: 'Info provided' }).waitFor();

    expect(await pageKept(devon)).toBe(true);
    await devon.readyPanel.getByText(/Waiting for the reporter since/).waitFor();
    await devon.reportPanel.getByText('Classified: Incident · Emergency · System problem').waitFor();
    expect(await issueSnapshot(world.sandbox, issueKey)).toMatchObject({ status: 'Waiting for reporter', assignee: REPORTER });
    await devon.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'live-issue-view.png'), fullPage: true });
    await devon.finish();
  });

  it('shows an overdue first response in red with how long it is overdue', async () => {
    const issueKey = await reportedIssue();
    await invokeResolver(world.sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'critical', reason: '', baseRevision: 1 });
    await changeAppPolicyState(world.sandbox, issueKey, (current) => ({ ...current, responseDueAt: new Date(Date.now() - 25 * 60_000).toISOString() }));
    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);

    const overdue = devon.reportPanel.getByRole('list', { name: 'Due times' }).getByText(/^First response overdue by 2[456] minutes \(due .+\)$/);
    await overdue.waitFor();

    const colour = await overdue.evaluate((element) => getComputedStyle(element).color);
    const normal = await devon.reportPanel.getByRole('list', { name: 'Due times' }).evaluate((element) => getComputedStyle(element).color);
    expect(colour).not.toBe(normal);
    expect(colour).toMatch(/^rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)$/);
    await devon.finish();
  });
});
