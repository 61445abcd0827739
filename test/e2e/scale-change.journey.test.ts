/**
 * Journey: Ada, a Jira admin, switches the site's severity scale from Critical/Major/Medium/Minor to
 * Sev1–Sev3. Before saving she reads how many issues carry each level that goes and chooses where
 * they move; a form error is listed beside Save with a link to its field; saving moves the issues,
 * the page says so and names her in the history; the triager's panel then shows the new level by
 * name. Real Chromium on the sandbox; assertions read what Jira and the app stored.
 */
import { describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Person, useBrowserSandbox } from '../support/host-page';
import { appReport } from '../support/app-storage';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const ADMIN = people.ada;

const world = useBrowserSandbox('demo');

const reportAt = async (level: string, decide: boolean): Promise<string> => {
  const issueKey = await createIssue(world.sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: `Search slow (${level})` });
  const saved = dataOf(await invokeResolver(world.sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: level, baseRevision: 0 }));
  if (decide) dataOf(await invokeResolver(world.sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level, reason: '', baseRevision: saved.report?.revision ?? 0 }));
  return issueKey;
};

describe('switching the severity scale', () => {
  it('shows the issues on each level that goes, moves them where the admin chose, and the panel shows the new level’s name', async () => {
    const major = await reportAt('major', true);
    const medium = await reportAt('medium', true);
    const ada = await Person.at(world, ADMIN, '/jira/settings/apps');
    const page = ada.page.frameLocator('iframe[data-module-key="severity-policy-admin"]');

    await page.getByLabel('Choose a preset').selectOption({ label: 'Sev1 / Sev2 / Sev3' });
    await page.getByRole('button', { name: 'Apply preset' }).click();
    await page.getByRole('button', { name: 'Replace levels' }).click();

    const moves = page.getByRole('region', { name: 'Issues on levels you are removing' });
    await moves.getByText('1 issue carries it (1 as the reporter’s pick, 1 as the decided severity).').first().waitFor();
    expect(await moves.getByLabel('Major moves to').inputValue()).toBe('sev2');
    expect(await moves.getByLabel('Medium moves to').inputValue()).toBe('sev3');
    await moves.getByLabel('Medium moves to').selectOption({ label: 'Sev2' });

    // A mistake is listed beside Save, and its link takes her to the field.
    await page.getByRole('group', { name: 'Level 2', exact: true }).getByLabel('Definition').fill('Slow');
    await page.getByRole('button', { name: 'Save policy' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'One thing stops this policy from saving' });
    await summary.waitFor();
    await summary.getByRole('link', { name: 'Level 2 (Sev2) — Definition' }).click();
    await expect.poll(() => page.locator(':focus').getAttribute('data-field')).toBe('levels.1.definition');
    await page.getByRole('group', { name: 'Level 2', exact: true }).getByLabel('Definition').fill('A major function is degraded for many users.');

    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/Last scale change — Critical → Sev1, Major → Sev2, Medium → Sev2, Minor → Sev3: 2 issues moved to the new scale/).waitFor();
    const history = page.getByRole('region', { name: 'Change history' });
    await history.getByText('by Ada Lindqvist').first().waitFor();
    expect(await history.textContent()).not.toContain('acc-');
    expect((await appReport(world.sandbox, medium))?.severityHistory.at(-1)).toMatchObject({ kind: 'scale-change', level: 'sev2', by: ADMIN });
    const labels = await jiraCall<{ fields: { labels: string[] } }>(world.sandbox, 'app', 'GET', `/rest/api/3/issue/${major}?fields=labels`);
    expect(labels.body.fields.labels).toEqual(['severity-sev2']);
    await ada.finish();

    const devon = await Person.at(world, TRIAGER, `/browse/${medium}`);
    await devon.reportPanel.getByText(/Decided: Sev2/).first().waitFor();
    // No level id leaks into the panel; the issue's own summary ("Search slow (medium)") may say it.
    expect((await devon.reportPanel.locator('body').textContent())?.replaceAll('Search slow (medium)', '')).not.toMatch(/\bmedium\b/);
    await devon.finish();
  });
});
