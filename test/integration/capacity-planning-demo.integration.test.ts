/**
 * A scrum master planning the next sprint on the demo site, through `capacity/compute` with Jira
 * answering at real speed: velocity from completed work with committed beside it, what a support
 * item in the plan costs (learned from the last sprints), the support items already planned into
 * sprint 7, the on-call people counted as away, a range; and both queues of support work in a
 * closed sprint. The demo story is played first, as `npm start` does.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import type { CapacityView } from '../../src/contract/capacity.contract';
import { playDemoStory } from '../../sandbox/scenarios/demo-story';
import { Sandbox } from '../../sandbox/sandbox';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const GADGET = 'capacity-gadget';
let sandbox: Sandbox;

const view = async (sprint: number | 'active', measure: 'points' | 'time'): Promise<CapacityView> =>
  dataOf(await invokeResolver(sandbox, people.sam, 'capacity/compute', { boardId: 1, sprint, measure, trendSprints: 6, planningSprints: 3, criteria: null }, GADGET));

beforeAll(async () => {
  // The story is set-up, played at full speed; the views below are measured at Jira's real speed.
  sandbox = await Sandbox.create({ scenario: 'demo', jiraLatency: { minMs: 0, maxMs: 0 } });
  await playDemoStory(sandbox);
  sandbox.setJiraLatency({ minMs: 100, maxMs: 300 });
}, 60_000);

describe('planning sprint 7 on the demo', () => {
  it('plans from completed work, with the cost of the two planned bugs and the on-call people away, as a range', async () => {
    const { planning } = await view(7, 'points');
    expect(planning.history.map(({ name, committed, completed, supportItemsPlanned }) => ({ name, committed, completed, supportItemsPlanned }))).toEqual([
      { name: 'SHOP Sprint 3', committed: 109, completed: 70, supportItemsPlanned: 3 },
      { name: 'SHOP Sprint 4', committed: 102, completed: 41, supportItemsPlanned: 4 },
      { name: 'SHOP Sprint 5', committed: 123, completed: 51, supportItemsPlanned: 2 },
    ]);
    // Sprint 3 had 3 support items and 70 points of feature work, sprint 4 four and 41, sprint 5 two and 51: about 5 points each.
    expect(planning.perSupportItem).toBeCloseTo(5, 5);
    expect(planning.target).toMatchObject({ name: 'SHOP Sprint 7', supportItemsPlanned: 2, assumedSupportItems: 2, teamSize: 3 });
    // The weekly rotation covers the whole of sprint 7 between the three of them.
    expect(planning.target.onCall.map((person) => person.name).sort()).toEqual(['Devon Park', 'Liam Novak', 'Mia Chen']);
    expect(planning.target.onCall.reduce((sum, person) => sum + person.share, 0)).toBeCloseTo(1, 2);
    const range = planning.range;
    expect(range).not.toBeNull();
    if (range === null) return;
    expect(range.low).toBeLessThan(range.likely);
    expect(range.likely).toBeLessThan(range.high);
    // Planned from completed work (about 54 a sprint), never from committed (about 111).
    expect(range.high).toBeLessThan(planning.averageCompleted ?? 0);
  });

  it('places the next sprint after the active one when a closed sprint is shown, so its on-call people are the same', async () => {
    const fromActive = (await view('active', 'time')).planning.target;
    const fromSprint3 = (await view(3, 'time')).planning.target;
    expect(fromSprint3.name).toBe('SHOP Sprint 7');
    expect(fromSprint3.onCall).toEqual(fromActive.onCall);
    expect(fromSprint3.onCall.length).toBeGreaterThan(0);
  });

  it('counts both queues in sprint 3: the planned bugs and the incidents worked outside the sprint', async () => {
    const { sprint } = await view(3, 'time');
    expect(sprint?.name).toBe('SHOP Sprint 3');
    expect(sprint?.planned.support).toBeGreaterThan(0);
    expect(sprint?.unplanned.support).toBeGreaterThan(sprint?.planned.support ?? 0);
    expect(sprint?.share).toBeGreaterThan(0.2);
  });
});
