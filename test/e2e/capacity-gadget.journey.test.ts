/**
 * Journey: the scrum master adds the capacity gadget to the dashboard, configures it, sees the
 * headline, breakdown, trend and planning aid, switches the measure and drills down; the figures
 * are the ones computed by hand in test/integration/capacity.integration.test.ts. The no-access
 * user sees no issue from the project.
 */
import { join } from 'node:path';

import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { APP_ROOT } from '../../sandbox/sandbox';
import { handComputedScenario, SCRUM_MASTER } from '../support/capacity-scenario';
import { Person, useBrowserSandbox } from '../support/host-page';
import { people } from '../support/people';

const OUTSIDER = people.otto;

const world = useBrowserSandbox(handComputedScenario() as never);

const gadget = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="capacity-gadget"]');

describe('capacity gadget', () => {
  // Skipped until rewritten for the two-queue view and app-record classification (issue 14, open):
  // its scenario classifies by the issue property, which the gadget no longer trusts.
  it.skip('is added, configured, and shows the hand-computed figures, breakdown, trend and planning aid', async () => {
    const sam = await Person.at(world, SCRUM_MASTER, '/jira/dashboards/1');
    await sam.page.getByRole('button', { name: 'Add gadget' }).click();

    const editor = gadget(sam);
    await editor.getByLabel('Board', { exact: true }).selectOption({ label: 'SHOP board (SHOP)' });
    await editor.getByLabel('Sprint', { exact: true }).selectOption({ value: '1' });
    await editor.getByRole('radio', { name: 'Time logged within the sprint' }).check();
    await editor.getByRole('button', { name: 'Save' }).click();

    const view = gadget(sam);
    await view.getByText('5 h of 8 h logged').first().waitFor();
    await view.getByText(/63\s?%|62\.5\s?%/).first().waitFor();
    await view.getByRole('img', { name: /Support by severity/ }).or(view.getByRole('figure', { name: /Support by severity/ })).first().waitFor();
    await view.getByText('Critical').first().waitFor();
    await view.getByText('Major').first().waitFor();
    await view.getByText(/Last 1 sprint averaged 8 h with 63% on support; plan 3 h of feature work\./).waitFor();
    expect(world.sandbox.dashboardGadgets[0]?.configuration).toMatchObject({ boardId: 1, sprint: 1, measure: 'time' });
    await sam.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'capacity-gadget.png'), fullPage: true });
    await sam.finish();
  });

  it.skip('switches the measure without saving, and drills down to the issues counted', async () => {
    const sam = await Person.at(world, SCRUM_MASTER, '/jira/dashboards/1');
    const view = gadget(sam);

    await view.getByRole('button', { name: 'Points', exact: true }).click();
    await view.getByText('5 of 10 points').first().waitFor();
    await view.getByRole('button', { name: 'Issues', exact: true }).click();
    await view.getByText('2 of 4 issues').first().waitFor();
    expect(world.sandbox.dashboardGadgets[0]?.configuration).toMatchObject({ measure: 'time' });

    await view.getByRole('button', { name: 'Show issues' }).click();
    for (const key of ['SHOP-2', 'SHOP-3', 'SHOP-1', 'SHOP-5']) await view.getByText(key, { exact: true }).first().waitFor();
    await sam.close();
  });

  it.skip('shows the no-access user no issue from the project', async () => {
    const otto = await Person.at(world, OUTSIDER, '/jira/dashboards/1');
    const view = gadget(otto);

    await view.getByText(/don't have access to board 1/).first().waitFor();
    expect(await view.getByText(/SHOP-\d/).count()).toBe(0);
    await otto.close();
  });
});
