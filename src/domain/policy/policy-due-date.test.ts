import { describe, expect, it } from 'vitest';

import type { AppliedPolicyState } from '../../contract/policy.contract';
import { generateStoredReport } from '../report/testing/report.factory';
import { describePolicyInWords, planPolicyApplication, recordUpdate } from './apply-policy';
import { DEFAULT_POLICY } from './presets';

const decided = (level: string, at: string) => generateStoredReport({ severityHistory: [{ kind: 'decision', level, by: 'acc-triager', at, reason: 'checked with support' }] });
const facts = (dueDate: string | null) => ({ priorityName: 'Highest', labels: ['severity-critical'], resolved: false, dueDate });
const settled = (level: string, at: string, dueDate: string | null): AppliedPolicyState => {
  const plan = planPolicyApplication(DEFAULT_POLICY, decided(level, at), null, facts(dueDate));
  if (plan === null) throw new Error('no plan');
  return { ...plan.state, commented: true };
};

describe("Jira's Due date from the response target", () => {
  it.each([
    ['an empty Due date', null, '2026-11-20'],
    ['a later date someone set', '2026-12-24', '2026-11-20'],
  ])('writes the response date over %s', (_case, current, written) => {
    const plan = planPolicyApplication(DEFAULT_POLICY, decided('critical', '2026-11-20T14:00:00.000Z'), null, facts(current));
    expect(plan).toMatchObject({ setDueDate: written, state: { dueDate: written } });
  });

  it('writes nothing when Jira already holds the date, and settles it', () => {
    const plan = planPolicyApplication(DEFAULT_POLICY, decided('critical', '2026-11-20T14:00:00.000Z'), null, facts('2026-11-20'));
    expect(plan).toMatchObject({ setDueDate: null, state: { dueDate: '2026-11-20' } });
  });

  it('keeps a stricter (earlier) date a person set', () => {
    const plan = planPolicyApplication(DEFAULT_POLICY, decided('minor', '2026-11-20T14:00:00.000Z'), null, facts('2026-11-19'));
    expect(plan?.setDueDate).toBeNull();
  });

  it('does not write it again once settled for the decision, even after a person changed it', () => {
    const state = settled('critical', '2026-11-20T14:00:00.000Z', null);
    expect(planPolicyApplication(DEFAULT_POLICY, decided('critical', '2026-11-20T14:00:00.000Z'), state, facts('2026-12-01'))).toBeNull();
  });

  it("moves the app's own date when a new decision gives another target, later on a downgrade", () => {
    const state = settled('critical', '2026-11-20T14:00:00.000Z', null);
    // Minor's response target is days, not minutes: its date is later.
    const plan = planPolicyApplication(DEFAULT_POLICY, decided('minor', '2026-11-20T15:00:00.000Z'), state, facts('2026-11-20'));
    expect(plan?.setDueDate).not.toBeNull();
    expect(plan?.setDueDate !== null && plan?.setDueDate !== undefined && plan.setDueDate > '2026-11-20').toBe(true);
  });

  it('takes the UTC date of a response due just after midnight UTC', () => {
    const plan = planPolicyApplication(DEFAULT_POLICY, decided('critical', '2026-11-20T23:50:00.000Z'), null, facts(null));
    expect(plan?.setDueDate).toBe('2026-11-21');
  });
});

describe('the policy comment names the day when the due time is not on the day of the decision', () => {
  it('says "Sat 21 Nov, 00:05 UTC" for a response due after midnight', () => {
    const state = settled('critical', '2026-11-20T23:50:00.000Z', null);
    const level = DEFAULT_POLICY.levels[0];
    if (level === undefined) throw new Error('no level');
    expect(describePolicyInWords(level, state)).toContain('First response by Sat 21 Nov, 00:05 UTC.');
  });
});

describe('first response', () => {
  const state = settled('critical', '2026-11-20T14:00:00.000Z', null);

  it.each([
    ['the first comment after the decision', ['2026-11-20T14:05:00.000Z'], '2026-11-20T14:05:00.000Z'],
    ['the earliest, whatever order events arrive in', ['2026-11-20T14:20:00.000Z', '2026-11-20T14:05:00.000Z'], '2026-11-20T14:05:00.000Z'],
    ['no comment older than the decision', ['2026-11-20T13:55:00.000Z'], undefined],
  ])('is %s', (_case, comments, expected) => {
    const after = comments.reduce((current, at) => recordUpdate(DEFAULT_POLICY, current, at, false), state);
    expect(after.firstResponseAt).toBe(expected);
  });
});
