import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { loadScenario, MINIMAL_SCENARIO_PATH } from './scenario.loader';
import { rebaseScenario, shiftDateString } from './scenario.rebase';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('shiftDateString', () => {
  it('moves a date-time and keeps the way it was written', () => {
    expect(shiftDateString('2026-11-20T12:00:00+00:00', 2 * DAY + 90_000)).toBe('2026-11-22T12:01:30+00:00');
    expect(shiftDateString('2026-11-20T12:00:00.000Z', -HOUR)).toBe('2026-11-20T11:00:00.000Z');
    expect(shiftDateString('2026-11-20T12:00:00.000+0000', HOUR)).toBe('2026-11-20T13:00:00.000+0000');
    expect(shiftDateString('2026-11-20T23:30:00+01:00', HOUR)).toBe('2026-11-21T00:30:00+01:00');
    expect(shiftDateString('2026-11-20T12:00Z', 60_000)).toBe('2026-11-20T12:01Z');
  });

  it('moves a calendar date by whole days', () => {
    expect(shiftDateString('2026-11-25', 10 * DAY + 5 * HOUR)).toBe('2026-12-05');
    expect(shiftDateString('2026-11-25', 13 * HOUR)).toBe('2026-11-26');
    expect(shiftDateString('2026-11-25', 11 * HOUR)).toBe('2026-11-25');
  });

  it('leaves text that merely mentions a date alone', () => {
    expect(shiftDateString('Outage on 2026-11-20 at noon', DAY)).toBe('Outage on 2026-11-20 at noon');
    expect(shiftDateString('SHOP-121', DAY)).toBe('SHOP-121');
    expect(shiftDateString('2026-13-45T99:00:00Z', DAY)).toBe('2026-13-45T99:00:00Z');
  });
});

describe('rebaseScenario', () => {
  const scenario = loadScenario(JSON.parse(readFileSync(MINIMAL_SCENARIO_PATH, 'utf8')));
  const written = Date.parse(scenario.site.now);

  it("makes the scenario's now the given moment and keeps every distance to it", () => {
    const now = Date.parse('2027-03-01T08:15:00Z');
    const rebased = rebaseScenario(scenario, now);
    expect(Date.parse(rebased.site.now)).toBe(now);
    const before = scenario.issues.map((issue) => written - Date.parse(issue.created));
    const after = rebased.issues.map((issue) => now - Date.parse(issue.created));
    expect(after).toEqual(before);
    const sprintBefore = scenario.sprints.map((sprint) => (sprint.endDate === undefined ? null : written - Date.parse(sprint.endDate)));
    const sprintAfter = rebased.sprints.map((sprint) => (sprint.endDate === undefined ? null : now - Date.parse(sprint.endDate)));
    expect(sprintAfter).toEqual(sprintBefore);
  });

  it('moves times the app stored in issue properties along with the issue', () => {
    const withProperty = {
      ...scenario,
      issues: scenario.issues.map((issue, index) => (index === 0 ? { ...issue, properties: { 'firebreak-policy': { decisionAt: scenario.site.now, level: 'critical' } } } : issue)),
    };
    const rebased = rebaseScenario(withProperty, written + DAY);
    expect(rebased.issues[0]?.properties['firebreak-policy']).toEqual({ decisionAt: shiftDateString(scenario.site.now, DAY), level: 'critical' });
  });

  it('changes nothing when loaded at the moment it was written', () => {
    expect(rebaseScenario(scenario, written)).toBe(scenario);
  });
});
