/**
 * Journey: a severity dispute with a final say (issue 16 part 4). Rita reported a SHOP incident as
 * Critical and Devon decided it; in the report panel Rita disputes it ("Dispute this severity",
 * Major, with a reason) and sees when the ruling is due; Sam (Administrators, the default authority)
 * changes it to Major with a reason; the severity history says so and Rita is told through Jira.
 * A second dispute passes its time box with no ruling: the panel says so and Sam is reminded once.
 * Real Chromium on the sandbox; assertions read what the app stored and what Jira holds.
 */
import { describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Person, useBrowserSandbox } from '../support/host-page';
import { appReport, makeDisputeOverdue } from '../support/app-storage';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const world = useBrowserSandbox('demo');

describe('a severity dispute', () => {
  it('is raised by the reporter, ruled by the authority, and kept in the severity history', async () => {
    const { sandbox } = world;
    const issueKey = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Card payments fail at one provider' });
    const saved = dataOf(await invokeResolver(sandbox, people.rita, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
    dataOf(await invokeResolver(sandbox, people.devon, 'triage/decideSeverity', { issueKey, level: 'critical', reason: '', baseRevision: saved.report?.revision ?? 0 }));

    // Rita disputes: the level she thinks is right and why.
    const rita = await Person.at(world, people.rita, `/browse/${issueKey}`);
    await rita.reportPanel.getByRole('button', { name: 'Dispute this severity' }).click();
    await rita.reportPanel.getByLabel('The level you think is right').selectOption({ label: 'Major' });
    await rita.reportPanel.getByLabel('Why').fill('Only one payment provider fails; customers can pay by another card.');
    await rita.reportPanel.getByRole('button', { name: 'Send dispute' }).dblclick();
    await rita.reportPanel.getByText(/^Ruling due by /).waitFor();
    await rita.reportPanel.getByText(/have the final say/).first().waitFor();
    expect((await appReport(sandbox, issueKey))?.severityHistory.filter((event) => event.kind === 'dispute')).toHaveLength(1);
    await rita.finish();

    // Sam has the final say (the Administrators role by default): he changes it to Major.
    const sam = await Person.at(world, people.sam, `/browse/${issueKey}`);
    await sam.reportPanel.getByText(/^Rita Reyes\s*disputed Critical/).waitFor();
    await sam.reportPanel.getByLabel('Reason for your ruling').fill('Agreed: one provider only, and a workaround exists.');
    await sam.reportPanel.getByRole('button', { name: 'Change to Major' }).click();
    await expect.poll(async () => (await appReport(sandbox, issueKey))?.severityHistory.at(-1)).toMatchObject({ kind: 'decision', level: 'major', ruling: 'changed', by: people.sam });
    await sam.finish();

    // The history shows the ruling to Rita, and Jira told her.
    const again = await Person.at(world, people.rita, `/browse/${issueKey}`);
    await again.reportPanel.getByText(/ruled by Sam Okafor/).waitFor();
    await expect.poll(() => sandbox.jira.notificationsSent().filter((mail) => mail.issueKey === issueKey && mail.to.includes(people.rita)).length).toBe(1);
    await again.finish();
  });

  it('that nobody rules on in its time box is shown overdue, and the authority is reminded once', async () => {
    const { sandbox } = world;
    const issueKey = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Refunds are slow to show' });
    const saved = dataOf(await invokeResolver(sandbox, people.rita, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
    dataOf(await invokeResolver(sandbox, people.devon, 'triage/decideSeverity', { issueKey, level: 'critical', reason: '', baseRevision: saved.report?.revision ?? 0 }));
    dataOf(await invokeResolver(sandbox, people.rita, 'dispute/open', { issueKey, level: 'major', reason: 'Refunds arrive, only late; nobody loses money.' }));

    // The time box passes with no ruling; the scheduled run reminds the authority, once however often it runs.
    await makeDisputeOverdue(sandbox, issueKey);
    await Promise.all([sandbox.runtime.runScheduledTrigger('dispute-reminders'), sandbox.runtime.runScheduledTrigger('dispute-reminders')]);
    const reminders = () => sandbox.jira.notificationsSent().filter((mail) => mail.issueKey === issueKey && mail.subject.includes('waiting for your ruling'));
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]?.to).toContain(people.sam);

    const sam = await Person.at(world, people.sam, `/browse/${issueKey}`);
    await sam.reportPanel.getByText(/^The ruling is overdue: it was due by .* (was|were) reminded by email at /).waitFor();
    // He can still rule, and does.
    await sam.reportPanel.getByLabel('Reason for your ruling').fill('Late refunds hurt trust, but nobody loses money: Major.');
    await sam.reportPanel.getByRole('button', { name: 'Change to Major' }).click();
    await expect.poll(async () => (await appReport(sandbox, issueKey))?.severityHistory.at(-1)).toMatchObject({ kind: 'decision', level: 'major', ruling: 'changed' });
    await sam.reportPanel.getByText(/^The ruling is overdue/).waitFor({ state: 'detached' });
    await sam.finish();
  });
});
