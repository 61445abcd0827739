/**
 * Journey: a scrum master plans the next sprint on the demo site. Sam adds the capacity gadget for
 * the SHOP board and picks the planned sprint: the planning aid is built from completed work (shown
 * beside what was committed), learns what a support item in the plan costs, treats the on-call
 * people as away for their share of the sprint, and answers with a range, not one number. Then the
 * closed sprint 3 shows both queues: the incidents handled outside the sprint count, side by side
 * with the support work planned into it. Real Chromium on the demo sandbox.
 */
import { join } from 'node:path';

import type { FrameLocator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { playDemoStory } from '../../sandbox/scenarios/demo-story';
import { APP_ROOT } from '../../sandbox/sandbox';
import { Person, useBrowserSandbox } from '../support/host-page';
import { people } from '../support/people';

const world = useBrowserSandbox('demo');

// What `npm start` shows a newcomer: the demo story played (triaged bugs, the rotation, sprint 7 planned).
beforeAll(async () => {
  await playDemoStory(world.sandbox);
}, 60_000);

/** The demo dashboard already shows SHOP's active sprint: Sam's new gadget is the last one. */
const gadget = (person: Person): FrameLocator => person.page.locator('iframe[data-module-key="capacity-gadget"]').last().contentFrame();

describe('planning a sprint on the demo', () => {
  it('plans the next sprint from completed work, with the on-call people away, as a range', async () => {
    const sam = await Person.at(world, people.sam, '/jira/dashboards/1');
    await sam.page.getByRole('button', { name: 'Add gadget' }).click();
    const editor = gadget(sam);
    await editor.getByLabel('Board', { exact: true }).selectOption({ label: 'SHOP board (SHOP)' });
    await editor.getByLabel('Sprint', { exact: true }).selectOption({ label: 'SHOP Sprint 7 (planned)' });
    await editor.getByRole('radio', { name: /points/i }).check();
    await editor.getByRole('button', { name: 'Save' }).click();

    const view = gadget(sam);
    const planning = view.getByRole('region', { name: 'Planning' });
    await planning.waitFor();
    await sam.page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'capacity-planning.png'), fullPage: true });
    const words = await planning.innerText();
    // Velocity from completed work, with committed beside it.
    expect(words).toMatch(/Completed [\d,]+(, [\d,]+)* and [\d,]+ points in the last 3 sprints \(committed [\d,]+(, [\d,]+)* and [\d,]+\)\./);
    // The planned sprint, its support items, the on-call people counted as away, and a range.
    expect(words).toContain('Completed 70, 41 and 51 points in the last 3 sprints (committed 109, 102 and 123).');
    expect(words).toContain('Each production support item in a sprint’s plan cost about 5 points of feature work.');
    expect(words).toMatch(/SHOP Sprint 7 has 2 production support items in its plan and .*Liam Novak \(\d+\s?%\).* are on call during it and counted as away for that share: plan \d+–\d+ points of feature work \(about \d+ points\)\./);
    // The shown sprint (the active one): each person's share of it on call sits on its own line
    // under their name in the hours per person, so a long name never cuts it off.
    const onCallLine = view.getByRole('figure', { name: 'Support hours per person' }).getByText(/on call \d+\s?%$/).first();
    await onCallLine.waitFor();
    expect(await onCallLine.isVisible()).toBe(true);
    await sam.finish();
  });

  it('shows both queues in a closed sprint: the planned bugs beside the incidents worked outside it', async () => {
    const sam = await Person.at(world, people.sam, '/jira/dashboards/1');
    await sam.page.getByRole('button', { name: 'Add gadget' }).click();
    const editor = gadget(sam);
    await editor.getByLabel('Board', { exact: true }).selectOption({ label: 'SHOP board (SHOP)' });
    await editor.getByLabel('Sprint', { exact: true }).selectOption({ label: 'SHOP Sprint 3 (closed)' });
    await editor.getByRole('radio', { name: 'Time logged within the sprint' }).check();
    await editor.getByRole('button', { name: 'Save' }).click();
    const view = gadget(sam);
    await view.getByText('Outside the sprint', { exact: true }).waitFor();
    await view.getByText('Support hours per person').waitFor();
    const text = await view.locator('body').innerText();
    expect(text).not.toMatch(/\b0\s?%/);
    expect(text).toContain('SHOP Sprint 7 has 2 production support items in its plan and');
    await sam.finish();
  });
});
