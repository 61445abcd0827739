/**
 * Journey: stakeholder updates (issue 16, part: updates). Devon, who decided the incident Critical,
 * posts an update and then a "Nothing new" from the Production report panel; the panel lists both,
 * newest first, with the next update time, and the sandbox's outbox holds the emails Jira queued.
 * Mia follows updates from the panel and is on the watcher list, so the next update reaches her.
 * When Devon resolves the incident, the closing update goes to the same audience and the panel lists it.
 * Real Chromium on the sandbox; assertions read what Jira queued and what the app stored.
 */
import { describe, expect, it } from 'vitest';

import type { ReportView } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { outbox } from '../../sandbox/server/control.routes';
import { appPolicyState } from '../support/app-storage';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue, resolveIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const world = useBrowserSandbox('demo');

describe('stakeholder updates', () => {
  it('are posted from the report panel, listed with the next time, and followed', async () => {
    const { sandbox } = world;
    const issueKey = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout is down' });
    const view: ReportView = dataOf(await invokeResolver(sandbox, people.rita, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
    dataOf(await invokeResolver(sandbox, people.devon, 'triage/decideSeverity', { issueKey, level: 'critical', reason: '', baseRevision: view.report?.revision ?? 0 }));
    const mails = () => outbox(sandbox).filter((mail) => mail.issueKey === issueKey && mail.subject.includes('ISSUE UPDATE'));

    // Mia follows the updates first.
    const mia = await Person.at(world, people.mia, `/browse/${issueKey}`);
    await mia.reportPanel.getByRole('button', { name: 'Follow updates' }).click();
    await mia.reportPanel.getByRole('button', { name: 'Unfollow updates' }).waitFor();
    await mia.finish();

    const devon = await Person.at(world, people.devon, `/browse/${issueKey}`);
    const panel = devon.reportPanel;
    await panel.getByLabel(/^Update \(subject “CRITICAL ISSUE UPDATE: Checkout is down”\)/).fill('Card payments fail since build 412; rolling back.');
    await panel.getByRole('button', { name: 'Post update' }).click();
    await expect.poll(() => mails().length).toBe(1);
    expect(mails()[0]?.subject).toBe('CRITICAL ISSUE UPDATE: Checkout is down');
    expect(mails()[0]?.to).toContain(people.mia);

    await panel.getByRole('button', { name: 'Nothing new' }).click();
    await expect.poll(() => mails().length).toBe(2);
    expect(mails()[0]?.textBody).toMatch(/^Nothing to update\. Still investigating\. Next update by \d\d:\d\d UTC\./);

    const list = panel.getByRole('list', { name: 'Updates sent, newest first' });
    await expect.poll(() => list.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^Nothing new by Devon Park.*Next update by/), expect.stringMatching(/^Update by Devon Park.*rolling back\..*Next update by/)]);
    const state = await appPolicyState(sandbox, issueKey);
    expect(state?.nextUpdateDueAt).not.toBeNull();
    // The section shows the moved due time at once (the summary above shows it from the next read).
    await panel.getByRole('region', { name: 'Stakeholder updates' }).getByText(/^Next update due /).waitFor();
    await devon.finish();

    // Devon resolves the incident: the closing update goes to the same audience, once, and the panel lists it.
    await resolveIssue(sandbox, people.devon, issueKey);
    await sandbox.runtime.drain();
    await expect.poll(() => mails().length).toBe(3);
    expect(mails()[0]?.textBody).toMatch(/^Resolved:/);
    expect(mails()[0]?.to).toContain(people.mia);
    const after = await Person.at(world, people.devon, `/browse/${issueKey}`);
    const closed = after.reportPanel.getByRole('list', { name: 'Updates sent, newest first' });
    await expect.poll(() => closed.getByRole('listitem').first().textContent()).toMatch(/^Closing update by/);
    await after.reportPanel.getByRole('button', { name: 'Post update' }).waitFor({ state: 'detached' });
    await after.finish();
  });
});
