/**
 * Journey: limits on production support in progress. Sam (project admin) sets the emergency limit to
 * 1 on the project settings page; Ada (Jira admin) adds the validator's "support WIP limits" rule to
 * Start progress; Devon tries to start a second emergency and reads a refusal naming the one in
 * progress, and the Definition of Ready panel shows "1 of 1". Real Chromium on the sandbox;
 * assertions read what Jira and the app stored.
 */
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { ClassOfService } from '../../src/contract/triage.values';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { APP_ROOT } from '../../sandbox/sandbox';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const PROJECT_ADMIN = people.sam;
const ADMIN = people.ada;
const WORKFLOW = 'firebreak-support-workflow';
const ACCEPT = '11';
const START = '21';
const SETTINGS = 'project-settings';

const world = useBrowserSandbox('demo');

/** An incident reported, decided Major and classified by the triager, then accepted. */
const classifiedIncident = async (summary: string, classOfService: ClassOfService): Promise<string> => {
  const { sandbox } = world;
  const issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary });
  const picked = dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'major', baseRevision: 0 }));
  const decided = dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level: 'major', reason: 'Confirmed with support', baseRevision: picked.report?.revision ?? 0 }));
  dataOf(await invokeResolver(sandbox, TRIAGER, 'triage/classify', { issueKey, level: 'code-or-data', kind: 'incident', classOfService, baseRevision: decided.report?.revision ?? 0 }));
  expect((await jiraCall(sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: ACCEPT } })).status).toBe(204);
  return issueKey;
};

describe('support work-in-progress limits', () => {
  it('refuses to start a second emergency while one is in progress, and says which', async () => {
    const first = await classifiedIncident('Payments fail for every card', 'emergency');
    expect((await jiraCall(world.sandbox, TRIAGER, 'POST', `/rest/api/3/issue/${first}/transitions`, { transition: { id: START } })).status).toBe(204);
    const second = await classifiedIncident('Checkout times out', 'emergency');

    // Sam, project admin, limits emergencies in progress to one.
    const sam = await Person.at(world, PROJECT_ADMIN, '/jira/projects/SHOP/settings/apps');
    const settings = sam.page.frameLocator(`iframe[data-module-key="${SETTINGS}"]`);
    const card = settings.getByRole('form', { name: 'Support work in progress' });
    await card.getByLabel('Emergency', { exact: true }).fill('1');
    await card.getByRole('button', { name: 'Save WIP limits' }).click();
    await expect
      .poll(async () => {
        const view = await invokeResolver(world.sandbox, PROJECT_ADMIN, 'config/getProject', { projectKey: 'SHOP' }, SETTINGS);
        return view.ok ? view.data.config.wipLimits : undefined;
      })
      .toEqual({ limits: { emergency: 1 }, topSeverityExempt: false });
    await sam.finish();

    // Ada, Jira admin, adds the rule to Start progress through the rule's own settings page.
    const ada = await Person.at(world, ADMIN, `/jira/settings/workflows?workflow=${WORKFLOW}`);
    await ada.page.getByRole('link', { name: 'Start progress', exact: true }).click();
    await ada.page.getByRole('button', { name: 'Add rule' }).click();
    const editor = ada.page.frameLocator('[data-rule-editor] iframe');
    await editor.getByRole('checkbox', { name: 'Severity must be picked' }).uncheck();
    await editor.getByRole('checkbox', { name: /^Respect the support WIP limits/ }).check();
    await ada.page.getByRole('button', { name: 'Add', exact: true }).click();
    await ada.page.locator('li.rule').first().waitFor();
    expect(JSON.parse(world.sandbox.jira.listTransitionRules(WORKFLOW, START)[0]?.configuration ?? '{}')).toMatchObject({ rules: { supportWipLimits: true, severityPicked: false } });
    await ada.finish();

    // Devon tries to start the second emergency.
    const devon = await Person.at(world, TRIAGER, `/browse/${second}`);
    await devon.readyPanel.getByTestId('wip-line').getByText('Emergency work in progress: 1 of 1 — starting this one will be blocked').waitFor();
    await devon.page.getByRole('button', { name: 'Start progress' }).click();
    await expect
      .poll(() => devon.page.locator('#transition-error').textContent())
      .toBe(
        [
          `Emergency work in progress is at its limit of 1: ${first} “Payments fail for every card” is in progress.`,
          '• Finish it or move it out of In Progress first.',
          '• Or ask a project admin to raise the limit (Project settings → Firebreak → Support work in progress).',
        ].join('\n'),
      );
    expect((await issueSnapshot(world.sandbox, second)).status).toBe('Accepted');
    await devon.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'wip-limit-blocked.png'), fullPage: true });
    // Jira's refusal of the transition (HTTP 400) is the one thing the browser logs.
    expect(devon.errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await devon.close();
  });
});
