/**
 * Journey: the on-call rotation. Sam (project admin) puts Devon and Mia on call on the project
 * settings page, found by name; the report panel of a new incident shows "On call now: Devon Park,
 * until …" to everyone; Mia, a triager, assigns the incident to Devon from there, while Rita (a
 * reporter) sees who is on call without the offer. Real Chromium on the sandbox; assertions read
 * what the app stored and what Jira holds.
 */
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { APP_ROOT } from '../../sandbox/sandbox';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue, issueSnapshot } from '../support/jira-helpers';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const SETTINGS = 'project-settings';
const world = useBrowserSandbox('demo');

/** Yesterday at this time, as a `datetime-local` value in UTC: Devon's week is under way. */
const yesterday = (): string => new Date(Date.now() - 86_400_000).toISOString().slice(0, 16);

describe('the on-call rotation', () => {
  it('is set by a project admin, shown in the report panel, and used by a triager to assign', async () => {
    const { sandbox } = world;
    const issueKey = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Search returns nothing for every shopper' });

    // Sam finds Devon and Mia by name and saves a weekly rotation that started yesterday.
    const sam = await Person.at(world, people.sam, '/jira/projects/SHOP/settings/apps');
    const card = sam.page.frameLocator(`iframe[data-module-key="${SETTINGS}"]`).getByRole('form', { name: 'On-call rotation' });
    for (const [query, name] of [
      ['Dev', 'Devon Park'],
      ['Mia', 'Mia Chen'],
    ] as const) {
      await card.getByLabel('Add a person').fill(query);
      await card.getByRole('button', { name: 'Find', exact: true }).click();
      await card.getByRole('button', { name: `Add ${name}` }).click();
    }
    await expect.poll(() => card.getByRole('list', { name: 'People on call, in order' }).getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('Devon Park'), expect.stringContaining('Mia Chen')]);
    await card.getByLabel(/^First shift starts/).fill(yesterday());
    await card.getByLabel('In the time zone').selectOption('UTC');
    await card.getByRole('button', { name: 'Save rotation' }).click();
    await expect
      .poll(async () => {
        const view = await invokeResolver(sandbox, people.sam, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS);
        return view.ok ? view.data.config.onCall?.people : undefined;
      })
      .toEqual([people.devon, people.mia]);
    await sam.finish();

    // Rita reported the incident: she sees who is on call, without the offer to assign.
    const rita = await Person.at(world, people.rita, `/browse/${issueKey}`);
    await rita.reportPanel.getByText(/^On call now: Devon Park, until /).waitFor();
    expect(await rita.reportPanel.getByRole('button', { name: 'Assign to Devon Park' }).count()).toBe(0);
    await rita.finish();

    // Mia triages: she hands the incident to Devon from the panel.
    const mia = await Person.at(world, people.mia, `/browse/${issueKey}`);
    await mia.reportPanel.getByText(/^On call now: Devon Park, until /).waitFor();
    await mia.reportPanel.getByRole('button', { name: 'Assign to Devon Park' }).click();
    await expect.poll(async () => (await issueSnapshot(sandbox, issueKey)).assignee).toBe(people.devon);
    // The issue view refreshes; the panel no longer offers what is done.
    await mia.reportPanel.getByText(/^On call now: Devon Park, until /).waitFor();
    await expect.poll(() => mia.reportPanel.getByRole('button', { name: 'Assign to Devon Park' }).count()).toBe(0);
    await mia.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'on-call-assigned.png'), fullPage: true });
    await mia.finish();
  });
});
