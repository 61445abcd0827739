/**
 * Journey: a Jira admin edits the severity policy and adds the validator to transitions through its
 * configuration pages; a transition without a severity, or without Definition of Ready, is blocked
 * with the right message and allowed once fixed; deciding Critical produces the due times, priority,
 * label and one policy comment; replayed events change nothing; an overdue issue gets exactly one
 * reminder per due time. Real Chromium on the sandbox; assertions read what Jira stored.
 */
import { join } from 'node:path';

import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { APP_ROOT } from '../../sandbox/sandbox';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { appPolicyState, changeAppPolicyState } from '../support/app-storage';
import { storedReportProperty, worldFingerprint } from '../support/sandbox-harness';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const ADMIN = people.ada;
const WORKFLOW = 'firebreak-support-workflow';

const world = useBrowserSandbox('demo');

const ruleEditor = (admin: Person): FrameLocator => admin.page.frameLocator('[data-rule-editor] iframe');

const addValidator = async (admin: Person, transitionName: string, tick: readonly string[], assigneeFrom?: string): Promise<void> => {
  await admin.goto(`/jira/settings/workflows?workflow=${WORKFLOW}`);
  await admin.page.getByRole('link', { name: transitionName, exact: true }).click();
  await admin.page.getByRole('button', { name: 'Add rule' }).click();
  const editor = ruleEditor(admin);
  for (const rule of tick) await editor.getByRole('checkbox', { name: rule }).check();
  if (assigneeFrom !== undefined) {
    await editor.getByRole('checkbox', { name: 'Require an assignee at or above' }).check();
    // The level comes from the policy, by name: there is no id to type.
    await editor.getByLabel('Lowest level that needs an assignee').selectOption({ label: assigneeFrom });
  }
  await admin.page.getByRole('button', { name: 'Add', exact: true }).click();
  await admin.page.locator('li.rule').first().waitFor();
};

describe('severity policy', () => {
  it('lets the admin edit the policy on the admin page, with the change recorded', async () => {
    const ada = await Person.at(world, ADMIN, '/jira/settings/apps');
    const page = ada.page.frameLocator('iframe[data-module-key="severity-policy-admin"]');

    const critical = page.getByRole('group', { name: 'Level 1', exact: true });
    await critical.getByLabel('Definition').fill('Production is down, or data is lost or exposed, for many users or a key customer.');
    await page.getByRole('button', { name: 'Save policy' }).click();

    await page.getByText(/Critical: definition/).first().waitFor();
    await ada.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'severity-policy-admin.png'), fullPage: true });
    await ada.finish();
  });

  it('lets the admin add the validator to two transitions through its configuration pages', async () => {
    const ada = await Person.open(world.browser, world.server, ADMIN);

    await addValidator(ada, 'Accept', ['Severity must be picked']);
    await addValidator(ada, 'Start progress', ['Definition of Ready must be met'], 'Major');

    const accept = world.sandbox.jira.listTransitionRules(WORKFLOW, '11');
    expect(accept).toHaveLength(1);
    expect(JSON.parse(accept[0]?.configuration ?? '{}')).toMatchObject({ failMode: 'closed', rules: { severityPicked: true, definitionOfReady: false } });
    expect(JSON.parse(world.sandbox.jira.listTransitionRules(WORKFLOW, '21')[0]?.configuration ?? '{}')).toMatchObject({ rules: { definitionOfReady: true, assigneeAtOrAbove: 'major' } });
    await ada.page.frameLocator('li.rule iframe').getByText('Blocks unless: severity picked; Definition of Ready met; an assignee set from Major up. If Firebreak cannot decide: block.').waitFor();
    expect(ada.errors).toEqual([]);
    await ada.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'workflow-validator-config.png'), fullPage: true });
    await ada.close();
  });

  it('blocks a transition without a severity, or without Definition of Ready, and allows it once fixed', async () => {
    const issueKey = await createIssue(world.sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Payments fail for every card' });
    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);

    await devon.page.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => devon.page.locator('#transition-error').textContent()).toBe('Pick a severity in the Production report panel first.');
    expect((await issueSnapshot(world.sandbox, issueKey)).status).toBe('New');

    const picked = await invokeResolver(world.sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 });
    expect(picked.ok).toBe(true);
    await devon.page.reload();
    await devon.page.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => devon.page.getByTestId('issue-status').textContent()).toBe('Accepted');

    await devon.page.getByRole('button', { name: 'Start progress' }).click();
    await expect.poll(() => devon.page.locator('#transition-error').textContent()).toMatch(/^This issue needs 2 things before it can move on:\s+• Make the issue Ready \(see the Definition of Ready panel\): Classified by the triager.*\s+• Assign someone first: Critical issues need an owner/);
    await devon.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'transition-blocked.png') });
    await devon.close();
  });

  it('applies Critical once decided: due times, priority, label and one policy comment, unchanged by replays', async () => {
    const issueKey = await createIssue(world.sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Orders silently lost' });
    await jiraCall(world.sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: TRIAGER });
    await invokeResolver(world.sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 });
    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);

    const panel = devon.reportPanel;
    await panel.getByRole('button', { name: 'Triage' }).click();
    await panel.getByLabel('Decided severity').selectOption({ label: 'Critical' });
    await panel.getByRole('button', { name: 'Decide severity' }).click();
    await expect.poll(() => storedReportProperty(world.sandbox, issueKey)).toMatchObject({ search: { decidedSeverity: 'critical' } });
    await world.sandbox.runtime.drain();

    await devon.page.reload();
    await expect.poll(() => devon.page.getByTestId('issue-priority').textContent()).toBe('Highest');
    expect(await devon.page.getByTestId('issue-labels').textContent()).toContain('severity-critical');
    const policyComments = (await issueSnapshot(world.sandbox, issueKey)).comments.filter((comment) => comment.startsWith('Critical: all hands.'));
    expect(policyComments).toHaveLength(1);
    const state = await appPolicyState(world.sandbox, issueKey);
    expect(state?.responseDueAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(state?.nextUpdateDueAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    await devon.reportPanel.getByText(/Decided: Critical/).first().waitFor();
    await devon.readyPanel.getByRole('heading', { name: /ready/i }).first().waitFor();
    await devon.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'severity-policy-applied.png'), fullPage: true });

    const before = worldFingerprint(world.sandbox);
    const event = { eventType: 'avi:jira:updated:issue', timestamp: new Date().toISOString(), issue: { id: '0', key: issueKey, fields: {} }, actor: { kind: 'user' as const, accountId: TRIAGER } };
    world.sandbox.runtime.deliverEvent(event);
    world.sandbox.runtime.deliverEvent(event);
    world.sandbox.runtime.deliverEvent({ ...event, eventType: 'avi:jira:created:issue' });
    await world.sandbox.runtime.drain();
    expect(worldFingerprint(world.sandbox)).toBe(before);

    await changeAppPolicyState(world.sandbox, issueKey, (current) => ({ ...current, nextUpdateDueAt: new Date(Date.now() - 60 * 60_000).toISOString() }));
    const runReminders = async (): Promise<unknown> => (await devon.page.request.post(`${world.server.url}/__control/scheduled/cadence-reminders/run`)).json();
    const first = await runReminders();
    const second = await runReminders();
    expect(first).toEqual({ result: { statusCode: 204 } });
    expect(second).toEqual({ result: { statusCode: 204 } });
    expect((await issueSnapshot(world.sandbox, issueKey)).comments.filter((comment) => comment.includes('Nothing new is an update too'))).toHaveLength(1);
    await devon.close();
  });
  it('offers no typed level when the rule editor cannot read the policy', async () => {
    // Jira says to wait an hour: the policy read fails at once instead of retrying.
    world.sandbox.jira.faults.add({ pathPattern: '^/rest/api/3/priority', kind: '429', retryAfterSeconds: 3600 });
    const ada = await Person.at(world, ADMIN, `/jira/settings/workflows?workflow=${WORKFLOW}&transition=41&mode=create&validator=severity-policy-validator`);
    const editor = ruleEditor(ada);

    await editor.getByText(/could not read the severity policy, so this rule cannot be turned on now/).waitFor();
    expect(await editor.getByRole('checkbox', { name: 'Require an assignee at or above' }).isDisabled()).toBe(true);
    expect(await editor.getByRole('textbox').count()).toBe(0);
    world.sandbox.jira.faults.clear();
    await ada.close();
  });

  it('adds the rule in the old workflow editor without settings; it then asks production issues only for a severity, and says so', async () => {
    const ada = await Person.at(world, ADMIN, `/jira/settings/workflows?workflow=${WORKFLOW}`);
    await ada.page.getByRole('link', { name: 'Switch to the old editor' }).click();
    await ada.page.getByRole('link', { name: 'Request info', exact: true }).click();
    await ada.page.getByRole('button', { name: 'Add rule' }).click();
    await ada.page.locator('li.rule').first().waitFor();
    expect(world.sandbox.jira.listTransitionRules(WORKFLOW, '31')).toEqual([expect.objectContaining({ key: 'severity-policy-validator', configuration: undefined })]);
    expect(await ada.page.locator('li.rule iframe').count()).toBe(0);
    await ada.close();

    const issueKey = await createIssue(world.sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Search shows no results' });
    const devon = await Person.at(world, TRIAGER, `/browse/${issueKey}`);
    await devon.page.getByRole('button', { name: 'Request info' }).click();
    await expect.poll(() => devon.page.locator('#transition-error').textContent()).toMatch(/^Pick a severity in the Production report panel first\.\s+This Firebreak rule has no settings yet/);
    await devon.close();
  });
});
