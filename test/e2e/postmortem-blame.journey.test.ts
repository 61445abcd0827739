/**
 * Journey: blame phrasing is pointed at while people type, before anything is saved, under the field
 * where it is written (the summary, an action's title), with another way to say it; rewording makes
 * the hint go. The hints never block typing and never change the text.
 */
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

describe('postmortem blame hints', () => {
  it('points at blame phrasing under the field while typing, and lets go when it is reworded', async () => {
    const incident = await createIssue(world.sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Search returns nothing' });
    await invokeResolver(world.sandbox, REPORTER, 'report/save', { issueKey: incident, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 });
    await invokeResolver(world.sandbox, TRIAGER, 'triage/decideSeverity', { issueKey: incident, level: 'critical', reason: '', baseRevision: 1 });
    await world.sandbox.runtime.drain();
    const started = dataOf(await invokeResolver(world.sandbox, TRIAGER, 'postmortem/start', { issueKey: incident }, 'postmortems')).postmortem;

    const devon = await Person.at(world, TRIAGER, '/jira/projects/SHOP/apps');
    const pm = page(devon);
    await pm.getByRole('button', { name: /Postmortem: Search returns nothing/ }).click();

    const summary = pm.getByLabel('Summary', { exact: true });
    await summary.fill('Rita broke production');
    const summaryHint = pm.locator(`#${(await summary.getAttribute('aria-describedby'))?.split(' ').find((id) => id.endsWith('-advice')) ?? 'missing'}`);
    await summaryHint.getByText('“Rita broke production”: It names a person as the cause.', { exact: false }).waitFor();
    await expect.poll(() => summaryHint.textContent()).toContain('“A change broke production”');
    // A polite live region, so a screen reader hears it without losing its place in the field.
    expect(await summaryHint.getAttribute('role')).toBe('status');

    await pm.getByRole('button', { name: 'Add action' }).click();
    const action = pm.getByRole('group', { name: 'Action 1', exact: true });
    const title = action.getByLabel('Title', { exact: true });
    await title.fill('Retrain Bob, who was careless');
    await action.getByText(/“Retrain Bob”: The action aims at a person/).waitFor();
    await action.getByText(/“careless”: It judges a person/).waitFor();

    // Nothing was saved to show them: the hints come from what is typed.
    const stored = dataOf(await invokeResolver(world.sandbox, TRIAGER, 'postmortem/get', { id: started.id }, 'postmortems')).postmortem;
    expect(stored.revision).toBe(started.revision);
    expect(stored.summary).not.toContain('Rita');
    // The text is the person's own: never rewritten.
    expect(await summary.inputValue()).toBe('Rita broke production');

    await summary.fill('A config change broke production');
    await expect.poll(() => summaryHint.textContent()).toBe('');
    await title.fill('Validate search index config in CI');
    await expect.poll(() => action.getByText(/Blame phrasing hint/).count()).toBe(0);
    await devon.finish();
  });
});
