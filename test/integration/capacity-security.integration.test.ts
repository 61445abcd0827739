/**
 * Issue security levels and the capacity gadget's reused figures (part: security, issue 14). A
 * settled sprint is read once as the app, which sees secured issues through the add-ons role, and
 * each viewer then gets it cut down to what they may see: a secured issue's hours, points, place in
 * the drill-down and per-person hours reach members of its level only, on the first view and on
 * views served from the cache, and a change of level re-reads the sprint.
 *
 * The sprint of capacity.integration.test.ts, on a site where SHOP has an issue security scheme:
 *   SHOP-2 incident (critical), 3 pts, Devon 3 h in the window      under "Responders"
 *   SHOP-6 incident (major), no sprint, Devon 2 h on 4 Nov           under "Responders" (unplanned)
 * "Responders" = the shop-developers group (Devon) and the apps' role. Rita browses SHOP, is in
 * neither, and reported neither. By hand, time in sprint 1 (team: Devon):
 *   Devon: planned support 3 (SHOP-2) + 2 (SHOP-4) = 5 h of 8 h; unplanned 2 h → 7 h of 10 h
 *   Rita:  planned support 2 h (SHOP-4) of 2 + 2 + 1 = 5 h; unplanned 0     → 2 h of 5 h
 * Points: Devon 3 + 2 = 5 of 10; Rita 2 of 7.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { CapacityView, DrillDownView } from '../../src/contract/capacity.contract';
import type { ResolverResult } from '../../src/contract/result';
import { Sandbox } from '../../sandbox/sandbox';
import { handComputedScenario, HOUR } from '../support/capacity-scenario';
import { seedAppRecord } from '../support/facts-scenario';
import { jiraCall } from '../support/jira-helpers';
import { invokeAs } from '../support/sandbox-harness';

const DEVON = 'acc-devon-oncall';
const RITA = 'acc-rita-support';
const GADGET = 'capacity-gadget';
const RESPONDERS = '10200';

let sandbox: Sandbox;

const securedScenario = () => {
  const input = handComputedScenario() as unknown as Record<string, unknown> & { issues: Array<Record<string, unknown>>; projects: Array<Record<string, unknown>> };
  const template = input.issues.find((issue) => issue['key'] === 'SHOP-2') ?? {};
  return {
    ...input,
    issueSecuritySchemes: [
      {
        id: '10100',
        name: 'Incident response',
        levels: [{ id: RESPONDERS, name: 'Responders', members: [{ type: 'group', groupName: 'shop-developers' }, { type: 'projectRole', roleName: 'atlassian-addons-project-access' }] }],
      },
    ],
    projects: input.projects.map((project) => (project['key'] === 'SHOP' ? { ...project, issueSecuritySchemeId: '10100' } : project)),
    issues: [
      ...input.issues.map((issue) => (issue['key'] === 'SHOP-2' ? { ...issue, reporter: DEVON, securityLevelId: RESPONDERS } : issue)),
      {
        ...template, id: '20006', key: 'SHOP-6', summary: 'Payments down for EU cards', reporter: DEVON, sprintIds: [], customFields: {}, properties: {}, securityLevelId: RESPONDERS,
        worklogs: [{ id: '60', author: DEVON, started: '2026-11-04T09:00:00+00:00', timeSpentSeconds: 2 * HOUR }],
      },
    ],
  };
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: securedScenario() as never });
  await seedAppRecord(sandbox, '20002', 'SHOP-2', { decidedSeverity: 'critical', kind: 'incident' });
  await seedAppRecord(sandbox, '20003', 'SHOP-3', { decidedSeverity: 'major', kind: 'defect' });
  await seedAppRecord(sandbox, '20006', 'SHOP-6', { decidedSeverity: 'major', kind: 'incident' });
});

const compute = async (as: string, measure: 'time' | 'points' = 'time'): Promise<CapacityView> =>
  data(await invokeAs(sandbox, as, 'capacity/compute', { boardId: 1, sprint: 1, measure, trendSprints: 6, planningSprints: 3, criteria: null }, GADGET)) as CapacityView;

const drillDown = async (as: string): Promise<DrillDownView> =>
  data(await invokeAs(sandbox, as, 'capacity/drillDown', { boardId: 1, sprintId: 1, measure: 'time', criteria: null }, GADGET)) as DrillDownView;

const data = (result: ResolverResult<unknown>): unknown => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
};

/** Everything a viewer is shown about sprint 1's time, in one comparable shape. */
const timeFigures = (capacity: CapacityView) => ({
  support: capacity.sprint?.support,
  total: capacity.sprint?.total,
  planned: capacity.sprint?.planned,
  unplanned: capacity.sprint?.unplanned,
  people: capacity.sprint?.people.map((person) => [person.name, person.supportSeconds, person.totalSeconds]),
  bySeverity: capacity.sprint?.bySeverity.map((level) => [level.id, level.value]),
});

const DEVON_SEES = {
  support: 7 * HOUR, total: 10 * HOUR, planned: { support: 5 * HOUR, total: 8 * HOUR }, unplanned: { support: 2 * HOUR },
  people: [['Devon Park', 7 * HOUR, 10 * HOUR]], bySeverity: [['critical', 3 * HOUR], ['major', 4 * HOUR]],
};
const RITA_SEES = {
  support: 2 * HOUR, total: 5 * HOUR, planned: { support: 2 * HOUR, total: 5 * HOUR }, unplanned: { support: 0 },
  people: [['Devon Park', 2 * HOUR, 5 * HOUR]], bySeverity: [['major', 2 * HOUR]],
};

const everyKeyIn = (capacity: CapacityView | DrillDownView): string => JSON.stringify(capacity);

describe('a secured support issue in a settled sprint', () => {
  it('counts for a member of its level and is left out, hours and people alike, for anyone else, on the first view', async () => {
    const rita = await compute(RITA);
    expect(rita.cached).toBe(false);
    expect(timeFigures(rita)).toEqual(RITA_SEES);
    expect(everyKeyIn(rita)).not.toMatch(/SHOP-2|SHOP-6|Payments down/);

    const devon = await compute(DEVON);
    expect(devon.cached).toBe(true);
    expect(timeFigures(devon)).toEqual(DEVON_SEES);
  });

  it('stays out of a non-member’s view served from the cache a member’s view filled', async () => {
    expect(timeFigures(await compute(DEVON))).toEqual(DEVON_SEES);
    const rita = await compute(RITA);
    expect(rita.cached).toBe(true);
    expect(timeFigures(rita)).toEqual(RITA_SEES);
    expect(everyKeyIn(rita)).not.toMatch(/SHOP-2|SHOP-6|Payments down/);
  });

  it('leaves its story points out for a non-member', async () => {
    expect((await compute(DEVON, 'points')).sprint).toMatchObject({ support: 5, total: 10 });
    expect((await compute(RITA, 'points')).sprint).toMatchObject({ support: 2, total: 7 });
  });

  it('is in a member’s drill-down and not in a non-member’s', async () => {
    await compute(DEVON);
    const devon = (await drillDown(DEVON)).issues.map((issue) => issue.key).sort();
    const rita = await drillDown(RITA);
    expect(devon).toEqual(['SHOP-1', 'SHOP-2', 'SHOP-4', 'SHOP-5', 'SHOP-6']);
    expect(rita.issues.map((issue) => issue.key).sort()).toEqual(['SHOP-1', 'SHOP-4', 'SHOP-5']);
    expect(everyKeyIn(rita)).not.toMatch(/SHOP-2|SHOP-6|Payments down/);
  });
});

describe('a change of security level', () => {
  const setLevel = async (key: string, level: string | null): Promise<void> => {
    const answer = await jiraCall(sandbox, DEVON, 'PUT', `/rest/api/3/issue/${key}`, { fields: { security: level === null ? null : { id: level } } });
    expect(answer.status).toBe(204);
    await sandbox.runtime.drain();
  };

  it('lifted: the cached figures are read again and the issue now counts for everyone who browses the project', async () => {
    expect(timeFigures(await compute(RITA))).toEqual(RITA_SEES);
    await setLevel('SHOP-2', null);
    const rita = await compute(RITA);
    expect(rita.cached).toBe(false);
    expect(rita.sprint).toMatchObject({ support: 5 * HOUR, total: 8 * HOUR });
  });

  it('set: an issue a non-member saw in cached figures leaves them at once', async () => {
    expect((await compute(RITA)).sprint).toMatchObject({ total: 5 * HOUR });
    await setLevel('SHOP-5', RESPONDERS);
    const rita = await compute(RITA);
    expect(rita.sprint).toMatchObject({ support: 2 * HOUR, total: 4 * HOUR });
    expect((await drillDown(RITA)).issues.map((issue) => issue.key).sort()).toEqual(['SHOP-1', 'SHOP-4']);
    expect((await compute(DEVON)).sprint).toMatchObject({ support: 7 * HOUR, total: 10 * HOUR });
  });
});
