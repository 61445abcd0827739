/**
 * Journey (playbook part, issue 16): Ada, the Jira admin, adds a step to Critical's playbook on the
 * severity policy page. A Critical incident is decided; Mia works it from the Production report
 * panel: the playbook shows Ada's steps, she ticks "Mitigation plan", sees who ticked it and when,
 * and finds the tick in the incident log. Real Chromium on the sandbox.
 */
import { describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Person, useBrowserSandbox } from '../support/host-page';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const world = useBrowserSandbox('demo');
const MITIGATION = 'Mitigation plan (a rollback often beats a fix)';

describe('the all-hands playbook', () => {
  it('is edited by the admin and ticked step by step in the panel, each tick in the log', async () => {
    const ada = await Person.at(world, people.ada, '/jira/settings/apps');
    const page = ada.page.frameLocator('iframe[data-module-key="severity-policy-admin"]');
    const critical = page.getByRole('group', { name: 'Level 1', exact: true });
    const playbook = critical.getByLabel('Playbook (one step per line)');
    await expect.poll(() => playbook.inputValue()).toContain('Bring in help and name who leads');
    await playbook.fill(`${await playbook.inputValue()}\nWrite the postmortem`);
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/Critical: playbook changed \(7 steps → 8 steps\)/).first().waitFor();
    await ada.finish();

    const incident = await createIssue(world.sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Nobody can pay at checkout' });
    dataOf(await invokeResolver(world.sandbox, people.rita, 'report/save', { issueKey: incident, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
    dataOf(await invokeResolver(world.sandbox, people.devon, 'triage/decideSeverity', { issueKey: incident, level: 'critical', reason: 'Every payment fails.', baseRevision: 1 }));
    await world.sandbox.runtime.drain();

    const mia = await Person.at(world, people.mia, `/browse/${incident}`);
    const steps = mia.reportPanel.getByRole('group', { name: /Critical playbook/ });
    await steps.getByText('Write the postmortem').waitFor();
    await steps.getByText('0 of 8 done').waitFor();
    await steps.getByRole('checkbox', { name: MITIGATION }).click();
    await steps.getByText(/Done by Mia Chen/).waitFor();
    await steps.getByText('1 of 8 done').waitFor();
    await mia.reportPanel.getByRole('region', { name: 'Incident log' }).getByText(`Playbook: ${MITIGATION} — done`).waitFor();
    expect(await steps.getByRole('checkbox', { name: MITIGATION }).isChecked()).toBe(true);
    await mia.finish();
  });
});
