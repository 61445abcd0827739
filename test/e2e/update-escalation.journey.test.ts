/**
 * Journey: a missed stakeholder update escalates (issue 16, part: updates). Ada, the Jira admin,
 * finds Sam by name on the severity policy page and makes him Critical's escalation contact; the
 * page shows his name, never his account id, and says what a missed update does. An incident's
 * update then goes unanswered: the reminder run reminds the assignee and, a cadence later, emails
 * Sam; Devon's report panel says "Overdue since …; escalated to Sam Okafor at …".
 * Real Chromium on the sandbox; assertions read what the app stored and what Jira queued.
 */
import { describe, expect, it } from 'vitest';

import type { ReportView } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { changeAppPolicyState, issueIdOf } from '../support/app-storage';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const world = useBrowserSandbox('demo');

describe('a missed update', () => {
  it('escalates to the contact the admin chose by name, and the panel says so', async () => {
    const { sandbox } = world;
    const ada = await Person.at(world, people.ada, '/jira/settings/apps');
    const page = ada.page.frameLocator('iframe[data-module-key="severity-policy-admin"]');
    const critical = page.getByRole('group', { name: 'Level 1', exact: true });
    await critical.getByText('Nobody else is told: choose an escalation contact', { exact: false }).waitFor();
    await critical.getByLabel('Choose a person').fill('Sam');
    await critical.getByRole('button', { name: 'Find', exact: true }).click();
    await critical.getByRole('button', { name: 'Choose Sam Okafor' }).click();
    await critical.getByText('If nobody posts within another update interval after the reminder, Sam Okafor gets an email too.').waitFor();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(async () => dataOf(await invokeResolver(sandbox, people.ada, 'policy/getSite', {})).policy.levels[0]?.communication?.escalationContact).toBe(people.sam);
    // Read back after a reload: by name, and no account id anywhere on the page.
    await ada.page.reload();
    await page.getByRole('group', { name: 'Level 1', exact: true }).getByText('Sam Okafor.', { exact: true }).waitFor();
    expect(await page.locator('body').textContent()).not.toContain(people.sam);
    await ada.finish();

    const issueKey = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout is down' });
    const view: ReportView = dataOf(await invokeResolver(sandbox, people.rita, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
    dataOf(await invokeResolver(sandbox, people.devon, 'triage/decideSeverity', { issueKey, level: 'critical', reason: '', baseRevision: view.report?.revision ?? 0 }));
    // The update was due a minute ago; the run reminds the assignee.
    await changeAppPolicyState(sandbox, issueKey, (state) => ({ ...state, nextUpdateDueAt: new Date(Date.now() - 60_000).toISOString() }));
    await sandbox.runtime.runScheduledTrigger('cadence-reminders');
    // A cadence after the reminder (the escalation record moved into the past, as only time would).
    const key = await issueIdOf(sandbox, issueKey);
    const get = await sandbox.kvs.handle('/api/v1/entity/get', { method: 'POST', body: JSON.stringify({ entityName: 'update-escalation', key }) });
    const row = ((await get.json()) as { value: { version: number; document: Record<string, unknown> } & Record<string, unknown> }).value;
    const escalateAt = new Date(Date.now() - 60_000).toISOString();
    await sandbox.kvs.handle('/api/v1/entity/set', { method: 'POST', body: JSON.stringify({ entityName: 'update-escalation', key, value: { ...row, version: row.version + 1, escalateAt, document: { ...row.document, escalateAt } } }) });
    await sandbox.runtime.runScheduledTrigger('cadence-reminders');
    const escalations = sandbox.jira.notificationsSent().filter((mail) => mail.issueKey === issueKey && mail.subject.includes('stakeholder update overdue'));
    expect(escalations.map((mail) => mail.to)).toEqual([[people.sam]]);
    const comments = (await jiraCall<{ comments: unknown[] }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}/comment`)).body.comments;
    expect(JSON.stringify(comments)).toContain('stakeholder update was due');

    const devon = await Person.at(world, people.devon, `/browse/${issueKey}`);
    const section = devon.reportPanel.getByRole('region', { name: 'Stakeholder updates' });
    await section.getByText(/^Overdue since .+; escalated to Sam Okafor at .+\.$/).waitFor();
    await devon.finish();
  });
});
