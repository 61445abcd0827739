import { describe, expect, it } from 'vitest';

import { computeSprintShare, DEFAULT_SUPPORT_CRITERIA, type SprintWindow } from './capacity';
import type { FactIssue, FactWorklog, SprintFacts } from './sprint-facts';

const sprint: SprintWindow = { id: 5, name: 'Sprint 5', start: '2026-10-28T09:00:00.000Z', end: '2026-11-11T09:00:00.000Z', state: 'closed' };
const HOUR = 3600;

const log = (authorId: string, started: string, hours: number): FactWorklog => ({ authorId, authorName: authorId === 'dev' ? 'Devon Park' : 'Rita Chen', started, seconds: hours * HOUR });

const issue = (overrides: Partial<FactIssue> & Pick<FactIssue, 'key'>): FactIssue => ({
  id: overrides.key.replace(/\D/g, ''),
  projectKey: 'SHOP',
  summary: overrides.key,
  issueType: 'Story',
  isSubtask: false,
  parentKey: null,
  labels: [],
  storyPoints: null,
  resolvedAt: null,
  severity: null,
  kind: null,
  classOfService: null,
  worklogs: [],
  worklogsOutside: 0,
  ...overrides,
});

/**
 * Hand-computed. In the sprint: 8 h of feature work (SHOP-1), 3 h on an incident (SHOP-2, plus 4 h
 * logged after the sprint), 2 h on a defect's sub-task (SHOP-3 under SHOP-4). Outside the sprint:
 * 5 h on the Critical incident OPS-7 and 1 h on a task OPS-8 that is not support.
 */
const facts = (overrides: Partial<SprintFacts> = {}): SprintFacts => ({
  sprint,
  planned: [
    issue({ key: 'SHOP-1', storyPoints: 5, resolvedAt: '2026-11-05T10:00:00.000Z', worklogs: [log('dev', '2026-10-29T10:00:00.000Z', 8)] }),
    issue({ key: 'SHOP-2', issueType: 'Incident', severity: 'critical', kind: 'incident', storyPoints: 3, resolvedAt: '2026-11-20T10:00:00.000Z', worklogs: [log('rita', '2026-10-30T10:00:00.000Z', 3)], worklogsOutside: 1 }),
    issue({ key: 'SHOP-3', issueType: 'Sub-task', isSubtask: true, parentKey: 'SHOP-4', worklogs: [log('dev', '2026-11-10T10:00:00.000Z', 2)] }),
    issue({ key: 'SHOP-4', issueType: 'Bug', severity: 'major', kind: 'defect', storyPoints: 2, resolvedAt: '2026-11-10T12:00:00.000Z' }),
    issue({ key: 'SHOP-5', storyPoints: null }),
  ],
  unplanned: [
    issue({ key: 'OPS-7', projectKey: 'OPS', issueType: 'Incident', severity: 'critical', kind: 'incident', resolvedAt: '2026-11-01T10:00:00.000Z', worklogs: [log('dev', '2026-10-31T10:00:00.000Z', 5)] }),
    issue({ key: 'OPS-8', projectKey: 'OPS', issueType: 'Task', worklogs: [log('rita', '2026-10-31T10:00:00.000Z', 1)] }),
  ],
  team: { source: 'worklog-authors', groupName: null, members: [{ accountId: 'dev', displayName: 'Devon Park' }, { accountId: 'rita', displayName: 'Rita Chen' }] },
  matchedByJql: [],
  readAt: '2026-11-12T09:00:00.000Z',
  ...overrides,
});

describe('computeSprintShare: both queues', () => {
  it('adds the team’s support time outside the sprint to the share, side by side with the planned queue', () => {
    const share = computeSprintShare(facts(), 'time', DEFAULT_SUPPORT_CRITERIA);

    expect(share.planned).toEqual({ support: 5 * HOUR, total: 13 * HOUR });
    expect(share.unplanned).toEqual({ support: 5 * HOUR });
    expect([share.support, share.total]).toEqual([10 * HOUR, 18 * HOUR]);
    expect(share.share).toBeCloseTo(10 / 18);
    expect(share.bySeverity).toEqual({ critical: 8 * HOUR, major: 2 * HOUR });
    expect(share.byKind).toEqual({ incident: 8 * HOUR, defect: 2 * HOUR });
    expect(share.counted.filter((counted) => counted.queue === 'unplanned').map((counted) => counted.key)).toEqual(['OPS-7']);
    expect(share.notes).toEqual(['1 worklog was logged outside the sprint window and is not counted.']);
  });

  it('gives each person’s support and total hours, most support first', () => {
    const { people } = computeSprintShare(facts(), 'time', DEFAULT_SUPPORT_CRITERIA);

    expect(people).toEqual([
      { accountId: 'dev', displayName: 'Devon Park', supportSeconds: 7 * HOUR, totalSeconds: 15 * HOUR },
      { accountId: 'rita', displayName: 'Rita Chen', supportSeconds: 3 * HOUR, totalSeconds: 3 * HOUR },
    ]);
  });

  it('counts points of estimated issues; unplanned support only when resolved in the window, and says what it left out', () => {
    const share = computeSprintShare(facts(), 'points', DEFAULT_SUPPORT_CRITERIA);

    expect(share.planned).toEqual({ support: 5, total: 10 });
    expect(share.unplanned).toEqual({ support: 0 });
    expect(share.notes).toEqual([
      '1 issue in the sprint has no story points and is not counted.',
      '1 support issue resolved outside the sprint has no story points and is not counted; choose time to see that work.',
    ]);
  });

  it('counts issues, sub-tasks under their parent, each unplanned issue once', () => {
    const withSubtask = facts({
      unplanned: [
        ...facts().unplanned,
        issue({ key: 'OPS-9', projectKey: 'OPS', issueType: 'Sub-task', isSubtask: true, parentKey: 'OPS-7', worklogs: [log('dev', '2026-11-02T10:00:00.000Z', 1)] }),
      ],
    });
    const share = computeSprintShare(withSubtask, 'count', DEFAULT_SUPPORT_CRITERIA);

    expect(share.planned).toEqual({ support: 2, total: 4 });
    expect(share.unplanned).toEqual({ support: 1 });
  });

  it('measures completed against committed work: resolved inside the window only', () => {
    const { velocity } = computeSprintShare(facts(), 'points', DEFAULT_SUPPORT_CRITERIA);

    // SHOP-2 was resolved after the sprint ended: committed, not completed.
    expect(velocity).toEqual({ committed: 10, completed: 7, completedFeature: 5, supportItemsPlanned: 2 });
  });

  it('has no velocity in time: time logged is what was done', () => {
    expect(computeSprintShare(facts(), 'time', DEFAULT_SUPPORT_CRITERIA).velocity).toEqual({ committed: null, completed: null, completedFeature: null, supportItemsPlanned: 2 });
  });

  it('takes JQL matches as support in both queues', () => {
    const share = computeSprintShare(facts({ matchedByJql: ['SHOP-1', 'OPS-8'] }), 'time', { ...DEFAULT_SUPPORT_CRITERIA, jql: 'component = Ops' });

    expect([share.planned.support, share.unplanned.support]).toEqual([13 * HOUR, 6 * HOUR]);
  });

  it('explains a zero denominator instead of dividing by it, without "yet" once the sprint is closed', () => {
    const empty = facts({ planned: [issue({ key: 'SHOP-9' })], unplanned: [] });

    expect(computeSprintShare(empty, 'time', DEFAULT_SUPPORT_CRITERIA).share).toBeNull();
    expect(computeSprintShare(empty, 'time', DEFAULT_SUPPORT_CRITERIA).notes).toContain('No time was logged in this sprint, so it has no share.');
    expect(computeSprintShare({ ...empty, sprint: { ...sprint, state: 'active' } }, 'time', DEFAULT_SUPPORT_CRITERIA).notes).toContain('No time logged in this sprint yet, so there is no share to show.');
  });

  it('matches issue types case-insensitively and labels exactly', () => {
    const share = computeSprintShare(
      facts({ planned: [issue({ key: 'SHOP-1', issueType: 'incident', worklogs: [log('dev', '2026-10-29T10:00:00.000Z', 1)] }), issue({ key: 'SHOP-2', labels: ['Production-Support'], worklogs: [log('dev', '2026-10-29T10:00:00.000Z', 1)] })], unplanned: [] }),
      'time',
      DEFAULT_SUPPORT_CRITERIA,
    );

    expect(share.counted.map((counted) => [counted.key, counted.support])).toEqual([
      ['SHOP-1', true],
      ['SHOP-2', false],
    ]);
  });
});
