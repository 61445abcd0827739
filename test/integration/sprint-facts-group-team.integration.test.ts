/**
 * A closed sprint's reused facts when the project names a Jira group as "the team": Jira sends an app
 * no event when someone joins or leaves a group, so a view that reuses an entry checks the group's
 * members (one paged call) and reads the sprint again when they changed. The hand-computed scenario
 * is in test/support/facts-scenario.ts: OPS-2 has Devon's 3 h and Sam's 2 h inside sprint 1's window.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { SprintWindow } from '../../src/domain/capacity/capacity';
import { DEFAULT_PROJECT_CONFIG } from '../../src/domain/config/project-config';
import { readSprintFacts } from '../../src/entry/use-cases/capacity/sprint-facts-source';
import { saveProjectConfig } from '../../src/storage/project-config.store';
import { Sandbox } from '../../sandbox/sandbox';
import { asViewer, DEVON, factsScenario, HOUR, requestFor, SAM, seedAppRecord, sprintWindows } from '../support/facts-scenario';

let sandbox: Sandbox;
let sprint1: SprintWindow;

const group = () => {
  const found = sandbox.scenario.groups.find((candidate) => candidate.name === 'shop-developers');
  if (found === undefined) throw new Error('the scenario has the group shop-developers');
  return found;
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: factsScenario() as never, jiraLatency: { minMs: 100, maxMs: 300 } });
  await seedAppRecord(sandbox, '20012', 'OPS-2', { decidedSeverity: 'major', kind: 'incident', classOfService: 'emergency' });
  const window = (await sprintWindows(sandbox)).get(1);
  if (window === undefined) throw new Error('the scenario has sprint 1');
  sprint1 = window;
  expect(group().members).toEqual([DEVON]);
  await asViewer(sandbox, DEVON, () =>
    saveProjectConfig('SHOP', { schemaVersion: 1, version: 1, config: { ...DEFAULT_PROJECT_CONFIG, capacityTeam: { source: 'group', groupName: 'shop-developers' } }, updatedAt: new Date().toISOString(), updatedBy: DEVON }, 0),
  );
});

const read = () => asViewer(sandbox, DEVON, (handler) => readSprintFacts(handler, requestFor(sprint1)));
const unplannedHours = (facts: Awaited<ReturnType<typeof read>>['facts']): number =>
  facts.unplanned.flatMap((issue) => issue.worklogs).reduce((total, worklog) => total + worklog.seconds, 0) / HOUR;

describe('reused facts of a group team', () => {
  it('are reused while the group stays the same', async () => {
    const first = await read();
    expect(first.fromCache).toBe(false);
    expect(first.facts.team).toMatchObject({ source: 'group', groupName: 'shop-developers' });
    expect(unplannedHours(first.facts)).toBe(3);
    const again = await read();
    expect(again.fromCache).toBe(true);
    expect(again.facts).toEqual(first.facts);
  });

  it('are read again when someone joins the group, counting their work outside the sprint', async () => {
    await read();
    group().members.push(SAM);
    const after = await read();
    expect(after.fromCache).toBe(false);
    expect(after.facts.team.members.map((member) => member.accountId).sort()).toEqual([DEVON, SAM].sort());
    // OPS-2: Devon's 3 h and now Sam's 2 h.
    expect(unplannedHours(after.facts)).toBe(5);
    expect((await read()).fromCache).toBe(true);
  });

  it('are read again when someone leaves the group', async () => {
    group().members.push(SAM);
    expect(unplannedHours((await read()).facts)).toBe(5);
    group().members.splice(group().members.indexOf(SAM), 1);
    const after = await read();
    expect(after.fromCache).toBe(false);
    expect(unplannedHours(after.facts)).toBe(3);
  });
});
