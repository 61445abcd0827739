import { describe, expect, it } from 'vitest';

import type { AppliedPolicyState } from '../../contract/policy.contract';
import { generateStoredReport } from '../report/testing/report.factory';
import { describePolicyInWords, planPolicyApplication, planReminder, recordUpdate, weeklyBudgetStatus } from './apply-policy';
import { DEFAULT_POLICY } from './presets';

const decidedAt = '2026-11-20T14:00:00.000Z';
const decided = (level: string, at = decidedAt) =>
  generateStoredReport({ severityHistory: [{ kind: 'decision', level, by: 'acc-triager', at, reason: 'checked with support' }] });
const openIssue = { priorityName: 'Medium', labels: ['checkout'], resolved: false, dueDate: null };

describe('planPolicyApplication', () => {
  it('plans due times (dated from the decision, not from when it is applied), priority, label and one comment for a Critical decision', () => {
    const plan = planPolicyApplication(DEFAULT_POLICY, decided('critical'), null, openIssue);

    expect(plan).toMatchObject({
      setPriority: 'Highest',
      addLabels: ['severity-critical'],
      removeLabels: [],
      state: { level: 'critical', decisionAt: decidedAt, responseDueAt: '2026-11-20T14:15:00.000Z', nextUpdateDueAt: '2026-11-20T14:30:00.000Z', commented: false },
    });
    expect(plan?.comment).not.toBeNull();
  });

  it('states the policy in plain words', () => {
    const plan = planPolicyApplication(DEFAULT_POLICY, decided('critical'), null, openIssue);
    const level = DEFAULT_POLICY.levels[0];
    if (plan === null || level === undefined) throw new Error('no plan');

    expect(describePolicyInWords(level, plan.state)).toBe(
      'Critical: all hands. First response by 14:15 UTC. Updates every 30 minutes, next by 14:30 UTC. Fix ships as: patch to production now. A postmortem is required.',
    );
  });

  it('plans nothing more once applied: duplicated and late events change nothing', () => {
    const first = planPolicyApplication(DEFAULT_POLICY, decided('critical'), null, openIssue);
    if (first === null) throw new Error('no plan');
    const applied: AppliedPolicyState = { ...first.state, commented: true };

    const again = planPolicyApplication(DEFAULT_POLICY, decided('critical'), applied, { priorityName: 'Highest', labels: ['checkout', 'severity-critical'], resolved: false, dueDate: null });

    expect(again).toBeNull();
  });

  it('re-syncs a priority someone changed by hand without commenting again', () => {
    const first = planPolicyApplication(DEFAULT_POLICY, decided('critical'), null, openIssue);
    if (first === null) throw new Error('no plan');

    const again = planPolicyApplication(DEFAULT_POLICY, decided('critical'), { ...first.state, commented: true }, { priorityName: 'Low', labels: ['severity-critical'], resolved: false, dueDate: null });

    expect(again).toMatchObject({ setPriority: 'Highest', comment: null, addLabels: [] });
  });

  it('moves to a new decision: new label, old one removed, a new comment', () => {
    const first = planPolicyApplication(DEFAULT_POLICY, decided('critical'), null, openIssue);
    if (first === null) throw new Error('no plan');

    const downgrade = planPolicyApplication(DEFAULT_POLICY, decided('medium', '2026-11-20T15:00:00.000Z'), { ...first.state, commented: true }, { priorityName: 'Highest', labels: ['severity-critical'], resolved: false, dueDate: null });

    expect(downgrade).toMatchObject({ setPriority: 'Medium', addLabels: ['severity-medium'], removeLabels: ['severity-critical'], state: { level: 'medium', nextUpdateDueAt: null } });
    expect(downgrade?.comment).not.toBeNull();
  });

  it('does nothing without a decided severity', () => {
    expect(planPolicyApplication(DEFAULT_POLICY, generateStoredReport(), null, openIssue)).toBeNull();
  });
});

describe('reminders', () => {
  const state: AppliedPolicyState = {
    schemaVersion: 1,
    decisionAt: decidedAt,
    level: 'critical',
    responseDueAt: '2026-11-20T14:15:00.000Z',
    nextUpdateDueAt: '2026-11-20T14:30:00.000Z',
    commented: true,
    remindedFor: [],
  };
  const assignee = { accountId: 'acc-dev', displayName: 'Devon Park' };

  it('reminds once the update is overdue, mentioning the assignee', () => {
    const plan = planReminder(state, assignee, false, '2026-11-20T14:31:00.000Z');

    expect(plan?.dueAt).toBe('2026-11-20T14:30:00.000Z');
    expect(JSON.stringify(plan?.comment)).toContain('Nothing new is an update too');
    expect(JSON.stringify(plan?.comment)).toContain('@Devon Park');
  });

  it('never reminds twice for the same due time', () => {
    const first = planReminder(state, assignee, false, '2026-11-20T14:31:00.000Z');
    if (first === null) throw new Error('no reminder');

    expect(planReminder(first.state, assignee, false, '2026-11-20T15:31:00.000Z')).toBeNull();
  });

  it('stays quiet before the due time and once the issue is resolved', () => {
    expect(planReminder(state, assignee, false, '2026-11-20T14:29:00.000Z')).toBeNull();
    expect(planReminder(state, assignee, true, '2026-11-20T16:00:00.000Z')).toBeNull();
  });

  it('moves the next due time a cadence after each human update', () => {
    expect(recordUpdate(DEFAULT_POLICY, state, '2026-11-20T14:40:00.000Z', false).nextUpdateDueAt).toBe('2026-11-20T15:10:00.000Z');
    expect(recordUpdate(DEFAULT_POLICY, state, '2026-11-20T14:40:00.000Z', true).nextUpdateDueAt).toBeNull();
  });

  it('never moves the next due time backwards: an older comment (edited, or delivered late) changes nothing', () => {
    const afterLatest = recordUpdate(DEFAULT_POLICY, state, '2026-11-20T14:50:00.000Z', false);

    // (It is an earlier first response, though: see policy-due-date.test.ts.)
    expect(recordUpdate(DEFAULT_POLICY, afterLatest, '2026-11-20T14:40:00.000Z', false).nextUpdateDueAt).toBe(afterLatest.nextUpdateDueAt);
    expect(afterLatest.nextUpdateDueAt).toBe('2026-11-20T15:20:00.000Z');
  });

  it('converges to the same state whatever order the updates arrive in', () => {
    const times = ['2026-11-20T14:35:00.000Z', '2026-11-20T14:50:00.000Z', '2026-11-20T14:42:00.000Z'];
    const apply = (order: readonly string[]) => order.reduce((current, at) => recordUpdate(DEFAULT_POLICY, current, at, false), state);

    expect(apply(times)).toEqual(apply([...times].reverse()));
    expect(apply(times).nextUpdateDueAt).toBe('2026-11-20T15:20:00.000Z');
  });

  it('does not count a comment made before the decision as an update on it', () => {
    expect(recordUpdate(DEFAULT_POLICY, { ...state, nextUpdateDueAt: null }, '2026-11-20T13:59:00.000Z', false)).toEqual({ ...state, nextUpdateDueAt: null });
  });
});

describe('weeklyBudgetStatus', () => {
  it('flags the top level once its weekly budget is exceeded', () => {
    expect(weeklyBudgetStatus(DEFAULT_POLICY, 1)).toMatchObject({ used: 1, budget: 1, exceeded: false });
    expect(weeklyBudgetStatus(DEFAULT_POLICY, 2)).toMatchObject({ exceeded: true });
  });
});
