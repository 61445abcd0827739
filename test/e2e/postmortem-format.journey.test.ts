/**
 * Journey (format part, issue 15): the team records contributing factors (with their kind), what went
 * well and where they got lucky, sees a blame hint in a factor while typing, and files a remediation
 * item as its own Jira issue with a Jira priority chosen by name. The export and the print view say
 * the same, in the same order as the page.
 */
import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { REMEDIATION_LABEL } from '../../src/contract/postmortem.values';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const DEVON = people.devon;

const world = useBrowserSandbox('demo');
const page = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="postmortems"]');

describe('postmortem format sections and remediation filing', () => {
  it('records factors and lessons, and files a remediation item with a Jira priority', async () => {
    const incident = await createIssue(world.sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Cards charged twice at checkout' });
    await invokeResolver(world.sandbox, DEVON, 'postmortem/start', { issueKey: incident }, 'postmortems');

    const devon = await Person.at(world, DEVON, '/jira/projects/SHOP/apps');
    const pm = page(devon);
    await pm.getByRole('button', { name: /Postmortem: Cards charged twice at checkout/ }).click();

    // A contributing factor, with a blame hint while it is typed, then reworded and given a kind.
    await pm.getByRole('button', { name: 'Add contributing factor' }).click();
    const factor = pm.getByRole('group', { name: 'Contributing factor 1', exact: true });
    const factorText = factor.getByLabel('Factor', { exact: true });
    await factorText.fill('Bob was careless with the retry config');
    await factor.getByText(/“careless”: It judges a person/).waitFor();
    await factorText.fill('The retry config change skipped review');
    await expect.poll(() => factor.getByText(/Blame phrasing hint/).count()).toBe(0);
    await factor.getByLabel('Kind', { exact: true }).selectOption({ label: 'Change or deploy' });
    await pm.getByLabel('What went well', { exact: true }).fill('Support spotted the double charges within minutes.');
    await pm.getByLabel('Where we got lucky', { exact: true }).fill('The payment provider batched settlements overnight.');

    // A remediation item, saved, then filed with the priority chosen from Jira's.
    await pm.getByRole('button', { name: 'Add remediation' }).click();
    const item = pm.getByRole('group', { name: 'Remediation 1', exact: true });
    await item.getByLabel('Title', { exact: true }).fill('Refund the double-charged orders');
    await pm.getByRole('button', { name: 'Save postmortem' }).click();
    await pm.getByText('You have unsaved changes.').waitFor({ state: 'hidden' });
    await item.getByLabel('Jira priority', { exact: true }).selectOption({ label: 'Highest' });
    await item.getByRole('button', { name: 'Create Jira issue' }).click();
    const link = item.getByRole('link', { name: /^SHOP-\d+$/ });
    await link.waitFor();
    await item.getByText('Filed at Highest priority').waitFor();
    const issueKey = (await link.textContent()) ?? '';
    const filed = await jiraCall<{ fields: { summary: string; labels: string[]; priority: { name: string } } }>(world.sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=summary,labels,priority`);
    expect(filed.body.fields).toMatchObject({ summary: 'Refund the double-charged orders', labels: [REMEDIATION_LABEL], priority: { name: 'Highest' } });

    await pm.getByRole('button', { name: 'Export Markdown' }).click();
    const markdown = await pm.getByLabel('Markdown', { exact: true }).inputValue();
    const order = ['## Timeline', '## Contributing factors', '- Change or deploy: The retry config change skipped review', '## What went well', '## Where we got lucky', '## Detect'].map((text) => markdown.indexOf(text));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? -1)))).toBe(true);
    expect(markdown).toContain(`Refund the double-charged orders — unassigned, medium priority · ${issueKey} (Jira priority Highest)`);

    await pm.getByRole('button', { name: 'Printable view' }).click();
    const print = pm.locator('.fb-pm__print');
    await print.getByText('Change or deploy: The retry config change skipped review').waitFor();
    const printed = await print.innerText();
    expect(printed.indexOf('Contributing factors')).toBeLessThan(printed.indexOf('What went well'));
    expect(printed.indexOf('Where we got lucky')).toBeLessThan(printed.indexOf('The five questions'));
    expect(printed).toContain('The payment provider batched settlements overnight.');
    expect(await print.locator('li', { hasText: 'Refund the double-charged orders' }).innerText()).toContain(`${issueKey} (Jira priority Highest)`);
    await devon.finish();
  });
});
