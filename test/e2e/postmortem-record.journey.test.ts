/**
 * Journey (record part): the timeline shows who decided the severity and why, by the level's name;
 * the Markdown export and the printable view say what the page says: times in the page's zone
 * (named), the severity by name, each action's Jira status and its overdue flag, and the printable
 * view carries the blameless reminder.
 */
import { randomUUID } from 'node:crypto';

import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;

const world = useBrowserSandbox('demo');

const page = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="postmortems"]');

describe('postmortem record', () => {
  it('export and print agree with the page on zone, severity, action status and overdue', async () => {
    const incident = await createIssue(world.sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Refunds vanish for every order' });
    dataOf(await invokeResolver(world.sandbox, REPORTER, 'report/save', { issueKey: incident, fields: generateReportFields(), reporterSeverity: 'major', baseRevision: 0 }));
    dataOf(await invokeResolver(world.sandbox, TRIAGER, 'triage/decideSeverity', { issueKey: incident, level: 'critical', reason: 'Every refund is lost.', baseRevision: 1 }));
    await world.sandbox.runtime.drain();
    const started = dataOf(await invokeResolver(world.sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }));
    const { postmortem } = started;
    const edit = {
      title: postmortem.title,
      severity: postmortem.severity,
      owner: postmortem.owner,
      incidents: postmortem.incidents,
      artifacts: [],
      summary: 'Refunds were dropped by the queue consumer.',
      customerImpact: '',
      impact: { ...postmortem.impact, timeZone: 'Asia/Tokyo', started: '2026-11-20T14:00:00.000Z', detected: '2026-11-20T14:12:00.000Z', mitigated: null, resolved: '2026-11-20T17:10:00.000Z' },
      timeline: postmortem.timeline,
      answers: {},
      actions: [{ id: 'a1', title: 'Alert on refund queue depth', owner: TRIAGER, dueDate: '2020-01-06', question: 'detect' as const, issueKey: null, triage: { decision: 'accepted' as const, reason: '', by: TRIAGER, at: '2026-01-01T00:00:00.000Z' } }],
      remediation: [],
    };
    const saved = dataOf(await invokeResolver(world.sandbox, TRIAGER, 'postmortem/save', { id: postmortem.id, edit, baseRevision: postmortem.revision }));
    const filed = dataOf(await invokeResolver(world.sandbox, TRIAGER, 'postmortem/createActionIssue', { id: postmortem.id, actionId: 'a1', idempotencyKey: randomUUID(), baseRevision: saved.postmortem.revision }));
    const issueKey = filed.postmortem.actions[0]?.issueKey ?? '';
    const status = filed.actionIssues[issueKey]?.status ?? '';
    expect(status).not.toBe('');
    const severity = filed.severityName ?? '';

    const devon = await Person.at(world, TRIAGER, '/jira/projects/SHOP/apps');
    const pm = page(devon);
    await pm.getByRole('button', { name: /Refunds vanish for every order/ }).click();
    await pm.getByText(`Severity decided: ${severity}, because: Every refund is lost.`).first().waitFor();
    await pm.getByText('Times in Asia/Tokyo.').first().waitFor();
    const onPage = await pm.getByLabel('Times from the saved impact times').innerText();
    expect(onPage).toMatch(/Time to detect\s+12 minutes/);
    expect(onPage).toMatch(/Time to resolve\s+3 hours 10 minutes/);

    await pm.getByRole('button', { name: 'Export Markdown' }).click();
    const markdown = await pm.getByLabel('Markdown', { exact: true }).inputValue();
    expect(markdown).toContain('| When (Asia/Tokyo) | Who | What |');
    expect(markdown).toContain('- Time to detect: 12 minutes');
    expect(markdown).toContain('- Time to mitigate: not known: enter when it was mitigated');
    expect(markdown).toContain('- Time to resolve: 3 hours 10 minutes');
    expect(markdown).toContain(`Severity: ${severity} ·`);
    expect(markdown).toContain(`Severity decided: ${severity}, because: Every refund is lost.`);
    expect(markdown).toContain(`[${issueKey}] Alert on refund queue depth — Devon Park, due 2020-01-06 (Detect) · ${status} · **OVERDUE**`);

    await pm.getByRole('button', { name: 'Printable view' }).click();
    const print = pm.locator('.fb-pm__print');
    await print.getByText('Blameless review:').waitFor();
    await print.getByText(`Severity ${severity}`).first().waitFor();
    await print.getByText('Timeline (Asia/Tokyo)').waitFor();
    expect(await print.locator('.fb-pm__print-times').innerText()).toMatch(/Time to detect\s+12 minutes[\s\S]*Time to resolve\s+3 hours 10 minutes/);
    const actionLine = await print.locator('li', { hasText: 'Alert on refund queue depth' }).innerText();
    expect(actionLine).toContain('Devon Park');
    expect(actionLine).toContain(`${issueKey} · ${status}`);
    expect(actionLine).toContain('Overdue');
    await devon.finish();
  });
});
