/**
 * Journey (log part, issue 16): Devon keeps the live incident log of a Critical incident from the
 * Production report panel: a few keystrokes per entry, one with a link and an earlier time; a double
 * click adds one; the log reads newest first with his name. Then he starts the postmortem and finds
 * the entries on its timeline, marked as log entries, beside the stakeholder update he sent (issue 16). Real Chromium on the sandbox; assertions read
 * what the app stored.
 */
import { describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue } from '../support/jira-helpers';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const world = useBrowserSandbox('demo');
const RESPONDER = people.devon;

const logRows = () => Object.values(world.sandbox.kvs.dump().entities['incident-log-entry'] ?? {});

describe('the incident log', () => {
  it('takes entries in a few keystrokes, lists them newest first, and feeds the postmortem timeline', async () => {
    const incident = await createIssue(world.sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout fails for every card payment' });
    await invokeResolver(world.sandbox, people.rita, 'report/save', { issueKey: incident, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 });

    const devon = await Person.at(world, RESPONDER, `/browse/${incident}`);
    const log = devon.reportPanel.getByRole('region', { name: 'Incident log' });
    const text = log.getByLabel('What was checked or done');

    // The first error, with a link and the time it really happened (ten minutes ago, in his zone).
    await log.getByRole('button', { name: 'Add a link or an earlier time' }).click();
    await text.fill('First 500 on checkout in the EU region');
    await log.getByLabel('Link (optional)').fill('https://grafana.example.com/d/checkout');
    const earlier = await log.getByLabel(/^Happened at/).getAttribute('max');
    const [date, time] = (earlier ?? '').split('T');
    const [hours, minutes] = (time ?? '00:00').split(':').map(Number);
    const tenAgo = (hours ?? 0) * 60 + (minutes ?? 0) - 10;
    if (tenAgo >= 0) await log.getByLabel(/^Happened at/).fill(`${date ?? ''}T${String(Math.floor(tenAgo / 60)).padStart(2, '0')}:${String(tenAgo % 60).padStart(2, '0')}`);
    await log.getByRole('button', { name: 'Add to log' }).click();
    await log.getByText('First 500 on checkout in the EU region').waitFor();

    // The next one by keyboard alone: type, Enter.
    await text.fill('Rolled back build 412 on web-3');
    await text.press('Enter');
    await log.getByText('Rolled back build 412 on web-3').waitFor();

    // A double click adds one entry.
    await text.fill('Error rate back to normal');
    await log.getByRole('button', { name: 'Add to log' }).dblclick();
    await log.getByText('Error rate back to normal').waitFor();
    expect(logRows()).toHaveLength(3);

    const entries = log.getByRole('listitem');
    await expect.poll(() => entries.allTextContents()).toEqual([
      expect.stringMatching(/Devon Park.*Error rate back to normal/),
      expect.stringMatching(/Devon Park.*Rolled back build 412 on web-3/),
      expect.stringMatching(/Devon Park.*First 500 on checkout in the EU region/),
    ]);
    await expect.poll(() => entries.nth(2).getByRole('link', { name: 'Link' }).getAttribute('href')).toBe('https://grafana.example.com/d/checkout');

    // He corrects his own entry.
    await entries.nth(1).getByRole('button', { name: 'Correct' }).click();
    await log.getByLabel('Correct the entry').fill('Rolled back build 412 on web-3 and web-4');
    await log.getByRole('button', { name: 'Save correction' }).click();
    await log.getByText('Rolled back build 412 on web-3 and web-4').waitFor();

    // updates part (issue 16): meanwhile the incident was decided Critical and Devon sent a stakeholder update.
    const report = await invokeResolver(world.sandbox, RESPONDER, 'report/get', { issueKey: incident });
    if (!report.ok) throw new Error(report.error.message);
    await invokeResolver(world.sandbox, RESPONDER, 'triage/decideSeverity', { issueKey: incident, level: 'critical', reason: '', baseRevision: report.data.report?.revision ?? 0 });
    expect((await invokeResolver(world.sandbox, RESPONDER, 'updates/post', { issueKey: incident, actionId: 'journey-log-update-1', nothingNew: false, text: 'Card payments fail in the EU; rolled back build 412.' })).ok).toBe(true);

    // The postmortem starts with the log, and the update, on its timeline.
    await devon.reportPanel.getByRole('button', { name: 'Start postmortem' }).click();
    const pm = devon.page.frameLocator('iframe[data-module-key="postmortems"]');
    await pm.getByText('Log: Rolled back build 412 on web-3 and web-4').first().waitFor();
    await pm.getByText('Log: First 500 on checkout in the EU region (https://grafana.example.com/d/checkout)').first().waitFor();
    await pm.getByText('Log: Error rate back to normal').first().waitFor();
    const update = pm.getByRole('listitem').filter({ hasText: 'Update sent to the reporter, assignee and watchers: Card payments fail in the EU; rolled back build 412.' });
    await update.waitFor();
    expect(await update.locator('strong').first().textContent()).toBe('Devon Park');
    await devon.finish();
  });
});
