/**
 * Journey (issue 14, items 7 and 8): the scrum master opens the demo dashboard and finds the capacity
 * gadget already configured with figures; in its editor a Kanban board says it needs a Scrum board
 * (and never reaches Jira's "does not support sprints"), a planned sprint can be chosen, "Use the
 * project's defaults" lists what those defaults are, and a JQL clause that would escape the sprint
 * filter is refused before saving.
 */
import type { FrameLocator } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { Person, useBrowserSandbox } from '../support/host-page';
import { people } from '../support/people';

const world = useBrowserSandbox('demo');

const gadget = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="capacity-gadget"]');
const SAVED = { boardId: 1, sprint: 'active', measure: 'time', trendSprints: 6, planningSprints: 3, criteria: null };

describe('capacity gadget on the demo dashboard', () => {
  it('shows figures on first open, from the gadget the demo dashboard already holds', async () => {
    const sam = await Person.at(world, people.sam, '/jira/dashboards/1');
    const view = gadget(sam);

    // The planned queue in hours, and a plan in hours: figures, not an empty state or the editor.
    await view.getByText(/^[\d,.]+ h of [\d,.]+ h$/u).first().waitFor();
    await view.getByText(/: plan [\d,.–]+ h of feature work/u).waitFor();
    expect(await view.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await sam.page.getByRole('button', { name: 'Add gadget' }).count()).toBe(1);
    await sam.finish();
  });

  it('says a Kanban board needs a Scrum board, shows the project’s defaults, and refuses an escaping JQL clause', async () => {
    const sam = await Person.at(world, people.sam, '/jira/dashboards/1');
    await sam.page.getByRole('link', { name: 'Edit gadget' }).click();
    const editor = gadget(sam);

    // The project's defaults, by name, under the option that uses them.
    await editor.getByText('SHOP has not set its own, so Firebreak’s built-in criteria apply:').waitFor();
    const defaults = editor.getByRole('definition');
    expect(await defaults.allTextContents()).toEqual(['Incident, Defect, Support request', 'Emergency, Bug: as soon as possible, Support request', 'Incident, Support request', 'production-support']);

    // A Kanban board: said in the picker, beside the field, and on save; no sprint list is asked of Jira.
    const board = editor.getByLabel('Board', { exact: true });
    await board.selectOption({ label: 'OPS kanban (OPS) – Kanban, no sprints' });
    await editor.getByText('Only a Scrum board’s sprints can be chosen.').waitFor();
    expect(await editor.getByLabel('Sprint', { exact: true }).isDisabled()).toBe(true);
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByText('This is a Kanban board, which has no sprints: the share of a sprint needs a Scrum board. Choose a Scrum board.').first().waitFor();
    expect(await editor.getByText(/does not support sprints/u).count()).toBe(0);
    expect(world.sandbox.dashboardGadgets[0]?.configuration).toEqual(SAVED);

    // Back on the Scrum board, its planned sprint can be chosen to plan it.
    await board.selectOption({ label: 'SHOP board (SHOP)' });
    await editor.getByLabel('Sprint', { exact: true }).selectOption({ label: 'SHOP Sprint 7 (planned)' });

    // A clause that would close the sprint filter's parenthesis is refused.
    await editor.getByRole('radio', { name: 'Choose for this gadget' }).check();
    await editor.getByLabel('JQL clause', { exact: true }).fill('X) OR (Y');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByText(/^The JQL clause is not valid\. It closes a parenthesis that was never opened/u).waitFor();
    expect(world.sandbox.dashboardGadgets[0]?.configuration).toEqual(SAVED);
    await sam.finish();
  });
});
