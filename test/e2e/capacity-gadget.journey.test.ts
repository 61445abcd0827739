/**
 * Journey: the scrum master adds the capacity gadget to the dashboard, configures it, sees the
 * headline, breakdown, trend and planning aid, switches the measure and drills down; the figures
 * are the ones computed by hand in test/integration/capacity.integration.test.ts. The no-access
 * user sees no issue from the project.
 */
import { join } from 'node:path';

import type { FrameLocator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { APP_ROOT } from '../../sandbox/sandbox';
import { handComputedScenario, SCRUM_MASTER } from '../support/capacity-scenario';
import { seedAppRecord } from '../support/facts-scenario';
import { Person, useBrowserSandbox } from '../support/host-page';
import { people } from '../support/people';

const OUTSIDER = people.otto;

const world = useBrowserSandbox(handComputedScenario() as never);

// The gadget classifies by the app's own records (never the issue property): seed them as a triage save leaves them.
beforeAll(async () => {
  await seedAppRecord(world.sandbox, '20002', 'SHOP-2', { decidedSeverity: 'critical', kind: 'incident' });
  await seedAppRecord(world.sandbox, '20003', 'SHOP-3', { decidedSeverity: 'major', kind: 'defect' });
});

const gadget = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="capacity-gadget"]');

describe('capacity gadget', () => {
  it('is added, configured, and shows the hand-computed figures, breakdown, trend and planning aid', async () => {
    const sam = await Person.at(world, SCRUM_MASTER, '/jira/dashboards/1');
    await sam.page.getByRole('button', { name: 'Add gadget' }).click();

    const editor = gadget(sam);
    await editor.getByLabel('Board', { exact: true }).selectOption({ label: 'SHOP board (SHOP)' });
    await editor.getByLabel('Sprint', { exact: true }).selectOption({ value: '1' });
    await editor.getByRole('radio', { name: 'Time logged within the sprint' }).check();
    await editor.getByRole('button', { name: 'Save' }).click();

    const view = gadget(sam);
    await view.getByText('5 h of 8 h', { exact: true }).waitFor();
    await view.getByText(/^63\s?%$/).first().waitFor();
    await view.getByText('Computed just now').waitFor();
    // Both queues side by side, and what was counted, naming the team.
    await view.getByText('Outside the sprint', { exact: true }).waitFor();
    await view.getByText(/The team: Devon Park: the people who logged work on the sprint’s issues\./).waitFor();
    await view.getByText('2 worklogs were logged outside the sprint window and are not counted.').waitFor();
    await view.getByRole('img', { name: /Support by severity/ }).or(view.getByRole('figure', { name: /Support by severity/ })).first().waitFor();
    await view.getByText('Critical', { exact: true }).first().waitFor();
    await view.getByText('Major', { exact: true }).first().waitFor();
    await view.getByText('Support hours per person').waitFor();
    // Planning from completed work, with the support items the next sprint is assumed to hold.
    await view.getByText('Feature work logged in the last sprint: 3 h.').waitFor();
    await view.getByText(/assuming 2 production support items, as on average: plan 3 h of feature work\./).waitFor();
    expect(world.sandbox.dashboardGadgets[0]?.configuration).toMatchObject({ boardId: 1, sprint: 1, measure: 'time' });
    await sam.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'capacity-gadget.png'), fullPage: true });
    await sam.finish();
  });

  it('switches the measure without saving, and drills down to the issues counted', async () => {
    const sam = await Person.at(world, SCRUM_MASTER, '/jira/dashboards/1');
    const view = gadget(sam);

    await view.getByRole('button', { name: 'Points', exact: true }).click();
    await view.getByText('5 points of 10 points', { exact: true }).waitFor();
    await view.getByText('1 issue in the sprint has no story points and is not counted.').waitFor();
    await view.getByText('Completed 0 points in the last sprint (committed 10).').waitFor();
    await view.getByRole('button', { name: 'Issues', exact: true }).click();
    await view.getByText('2 issues of 4 issues', { exact: true }).waitFor();
    expect(world.sandbox.dashboardGadgets[0]?.configuration).toMatchObject({ measure: 'time' });

    await view.getByRole('button', { name: 'Show issues' }).click();
    for (const key of ['SHOP-2', 'SHOP-3', 'SHOP-1', 'SHOP-5']) await view.getByText(key, { exact: true }).first().waitFor();
    await sam.close();
  });

  it('shows the no-access user no issue from the project', async () => {
    const otto = await Person.at(world, OUTSIDER, '/jira/dashboards/1');
    const view = gadget(otto);

    await view.getByText(/don't have access to board 1/).first().waitFor();
    expect(await view.getByText(/SHOP-\d/).count()).toBe(0);
    await otto.close();
  });
});
