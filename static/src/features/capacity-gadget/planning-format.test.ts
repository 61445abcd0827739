import { describe, expect, it } from 'vitest';

import { generateCapacityView } from '../../shared/testing/capacity-view.factory';
import { formatItemCost, formatPlan, formatPlannedQueue, formatTeam, formatVelocity, listInWords } from './planning-format';

const HOUR = 3600;
const planning = generateCapacityView().planning;
const pointsPlanning = {
  ...planning,
  history: [
    { name: 'Sprint 3', committed: 120, completed: 70, feature: 60, supportItemsPlanned: 4 },
    { name: 'Sprint 4', committed: 98, completed: 41, feature: 35, supportItemsPlanned: 2 },
    { name: 'Sprint 5', committed: 116, completed: 51, feature: 45, supportItemsPlanned: 3 },
  ],
  averageCommitted: 111.33333333333333,
  averageCompleted: 54,
  perSupportItem: 3.6666666666666665,
  target: { name: 'Sprint 7', supportItemsPlanned: 2, assumedSupportItems: 2, teamSize: 5, onCall: [{ name: 'Devon Park', share: 0.5 }] },
  range: { low: 48, likely: 55, high: 62 },
};

describe('planning in words', () => {
  it('puts completed work beside what was committed', () => {
    expect(formatVelocity(pointsPlanning, 'points')).toBe('Completed 70, 41 and 51 points in the last 3 sprints (committed 120, 98 and 116).');
    expect(formatVelocity(planning, 'time')).toBe('Feature work logged in the last 3 sprints: 90 h, 70 h and 86 h.');
    expect(formatVelocity({ ...planning, history: [] }, 'time')).toBeNull();
  });

  it('says what a support item in the plan costs, or why it cannot yet', () => {
    expect(formatItemCost(pointsPlanning, 'points')).toBe('Each production support item in a sprint’s plan cost about 3.7 points of feature work.');
    expect(formatItemCost({ ...pointsPlanning, perSupportItem: null }, 'points')).toBe('The last sprints had the same number of support items in their plans, so they cannot tell what one costs yet.');
    // The slope is clamped at 0 when sprints with more support items delivered as much: never "cost about 0 points".
    expect(formatItemCost({ ...pointsPlanning, perSupportItem: 0 }, 'points')).toBe('In the last sprints, more production support items in the plan did not mean less feature work, so the plan takes nothing off for them.');
  });

  it('plans a range with the items in the plan and the on-call person away, never a long decimal', () => {
    expect(formatPlan(pointsPlanning, 'points')).toBe('Sprint 7 has 2 production support items in its plan and Devon Park is on call for 50% of it and counted as away: plan 48–62 points of feature work (about 55 points).');
    expect(formatPlan({ ...pointsPlanning, range: { low: 55, likely: 55, high: 55 }, target: { ...pointsPlanning.target, onCall: [] } }, 'points')).toBe(
      'Sprint 7 has 2 production support items in its plan: plan 55 points of feature work.',
    );
    expect(formatPlan({ ...pointsPlanning, target: { ...pointsPlanning.target, name: null, supportItemsPlanned: null, assumedSupportItems: 1, onCall: [] } }, 'count')).toBe(
      'No sprint is planned yet: assuming 1 production support item, as on average: plan 48–62 issues of feature work (about 55 issues).',
    );
    expect(formatPlan({ ...pointsPlanning, range: null }, 'points')).toBe('No closed sprint with figures yet: the planning aid appears after the first one.');
    expect(formatPlan({ ...planning, range: { low: 70 * HOUR, likely: 78 * HOUR, high: 88 * HOUR } }, 'time', 'de-DE')).toContain('plan 70–88 h of feature work (about 78 h)');
  });

  it('names people on call together with their shares', () => {
    const two = { ...pointsPlanning, target: { ...pointsPlanning.target, onCall: [{ name: 'Devon Park', share: 0.5 }, { name: 'Rita Chen', share: 0.5 }] } };
    expect(formatPlan(two, 'points')).toContain('and Devon Park (50%) and Rita Chen (50%) are on call during it and counted as away for that share');
  });

  it('says who the team is', () => {
    expect(formatTeam({ source: 'worklog-authors', groupName: null, members: ['Devon Park', 'Rita Chen', 'Omar Haddad', 'Sam Okafor', 'Ada Lovel'] })).toBe(
      'Devon Park, Rita Chen, Omar Haddad and 2 others: the people who logged work on the sprint’s issues',
    );
    expect(formatTeam({ source: 'group', groupName: 'sre-oncall', members: ['Devon Park'] })).toBe('the members of the Jira group sre-oncall (Devon Park)');
    expect(formatTeam({ source: 'worklog-authors', groupName: null, members: [] })).toBe('nobody yet: nobody logged work on the sprint’s issues');
    expect(listInWords(['a'])).toBe('a');
  });

  it('words the planned queue', () => {
    const sprint = generateCapacityView().sprint;
    if (sprint === null) throw new Error('factory has a sprint');
    expect(formatPlannedQueue(sprint, 'time')).toBe('12 h of 93 h');
  });
});
