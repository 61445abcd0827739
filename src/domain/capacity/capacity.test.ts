import { describe, expect, it } from 'vitest';

import { computeSprintShare, DEFAULT_SUPPORT_CRITERIA, planNextSprint, type SprintIssue, type SprintWindow } from './capacity';

const sprint: SprintWindow = { id: 5, name: 'Sprint 5', start: '2026-10-28T09:00:00.000Z', end: '2026-11-11T09:00:00.000Z', state: 'closed' };
const HOUR = 3600;

const issue = (overrides: Partial<SprintIssue> & Pick<SprintIssue, 'key'>): SprintIssue => ({
  issueType: 'Story',
  isSubtask: false,
  parentKey: null,
  labels: [],
  storyPoints: null,
  severity: null,
  kind: null,
  classOfService: null,
  worklogs: [],
  ...overrides,
});

/** Hand-computed: 3 h + 2 h of support inside the window, 8 h of feature work; 4 h outside the window. */
const issues: SprintIssue[] = [
  issue({ key: 'SHOP-1', storyPoints: 5, worklogs: [{ started: '2026-10-29T10:00:00.000Z', seconds: 8 * HOUR }] }),
  issue({ key: 'SHOP-2', issueType: 'Incident', severity: 'critical', kind: 'incident', storyPoints: 3, worklogs: [{ started: '2026-10-30T10:00:00.000Z', seconds: 3 * HOUR }, { started: '2026-11-12T10:00:00.000Z', seconds: 4 * HOUR }] }),
  issue({ key: 'SHOP-3', issueType: 'Sub-task', isSubtask: true, parentKey: 'SHOP-4', worklogs: [{ started: '2026-11-10T10:00:00.000Z', seconds: 2 * HOUR }] }),
  issue({ key: 'SHOP-4', issueType: 'Bug', severity: 'major', kind: 'defect', storyPoints: 2 }),
  issue({ key: 'SHOP-5', storyPoints: null }),
];

describe('computeSprintShare', () => {
  it('counts only time logged inside the sprint window, sub-tasks under their parent’s classification', () => {
    const share = computeSprintShare(sprint, issues, 'time', DEFAULT_SUPPORT_CRITERIA);

    expect([share.support, share.total]).toEqual([5 * HOUR, 13 * HOUR]);
    expect(share.share).toBeCloseTo(5 / 13);
    expect(share.bySeverity).toEqual({ critical: 3 * HOUR, major: 2 * HOUR });
    expect(share.byKind).toEqual({ incident: 3 * HOUR, defect: 2 * HOUR });
    expect(share.notes).toEqual(['1 worklog was logged outside the sprint window and is not counted.']);
  });

  it('counts story points of estimated issues and says which were left out', () => {
    const share = computeSprintShare(sprint, issues, 'points', DEFAULT_SUPPORT_CRITERIA);

    expect([share.support, share.total]).toEqual([5, 10]);
    expect(share.notes).toEqual(['1 issue has no story points and is not counted.']);
  });

  it('counts issues, not sub-tasks', () => {
    const share = computeSprintShare(sprint, issues, 'count', DEFAULT_SUPPORT_CRITERIA);

    expect([share.support, share.total]).toEqual([2, 4]);
  });

  it('explains a zero denominator instead of dividing by it', () => {
    const share = computeSprintShare(sprint, [issue({ key: 'SHOP-9' })], 'time', DEFAULT_SUPPORT_CRITERIA);

    expect(share.share).toBeNull();
    expect(share.notes).toContain('No time logged in this sprint yet, so there is no share to show.');
  });

  it('counts an issue carried over several sprints in each, by worklog date', () => {
    const next: SprintWindow = { ...sprint, id: 6, start: '2026-11-11T09:00:00.000Z', end: '2026-11-25T09:00:00.000Z' };
    const carried = [issues[1] as SprintIssue];

    expect(computeSprintShare(sprint, carried, 'time', DEFAULT_SUPPORT_CRITERIA).support).toBe(3 * HOUR);
    expect(computeSprintShare(next, carried, 'time', DEFAULT_SUPPORT_CRITERIA).support).toBe(4 * HOUR);
  });

  it('counts issues a JQL clause matched, and their sub-tasks', () => {
    const share = computeSprintShare(sprint, issues, 'time', { kinds: [], classesOfService: [], issueTypes: [], labels: [], jql: 'component = Ops' }, new Set(['SHOP-1', 'SHOP-4']));

    // SHOP-1's 8 h, and SHOP-3's 2 h as the sub-task of the matched SHOP-4.
    expect(share.support).toBe(8 * HOUR + 2 * HOUR);
  });

  it('treats labels and issue types as support when the team says so', () => {
    const labelled = [issue({ key: 'SHOP-7', labels: ['production-support'], storyPoints: 1 }), issue({ key: 'SHOP-8', storyPoints: 1 })];

    expect(computeSprintShare(sprint, labelled, 'points', DEFAULT_SUPPORT_CRITERIA).share).toBe(0.5);
  });
});

describe('planNextSprint', () => {
  it('averages the last sprints and suggests the feature capacity', () => {
    const shares = [62, 70, 54].map((total, index) => ({ ...computeSprintShare(sprint, [], 'points', DEFAULT_SUPPORT_CRITERIA), total, share: [0.2, 0.15, 0.19][index] ?? 0 }));

    const plan = planNextSprint(shares);

    expect(plan.sprints).toBe(3);
    expect(plan.averageTotal).toBeCloseTo(62);
    expect(plan.averageShare).toBeCloseTo(0.18);
    expect(plan.suggestedFeatureCapacity).toBe(50);
  });

  it('has no suggestion without measured sprints', () => {
    expect(planNextSprint([])).toEqual({ sprints: 0, averageShare: null, averageTotal: null, suggestedFeatureCapacity: null });
  });
});
