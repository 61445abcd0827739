import { describe, expect, it } from 'vitest';

import { severityPolicySchema } from '../../contract/policy.contract';
import { describePolicyChanges } from './policy-diff';
import { DEFAULT_POLICY, POLICY_PRESETS } from './presets';

describe('presets', () => {
  it.each(POLICY_PRESETS.map((preset) => [preset.name, preset] as const))('%s is a valid policy', (_name, preset) => {
    expect(severityPolicySchema.safeParse(preset.policy).success).toBe(true);
  });
});

describe('severityPolicySchema', () => {
  it('rejects two levels with one id, naming both positions', () => {
    const [first] = DEFAULT_POLICY.levels;
    if (first === undefined) throw new Error('no levels');
    const result = severityPolicySchema.safeParse({ levels: [first, { ...first, name: 'Other' }] });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Levels 1 and 2 share the id "critical".');
  });
});

describe('describePolicyChanges', () => {
  it('says what changed in a sentence per change', () => {
    const after = { levels: DEFAULT_POLICY.levels.map((level) => (level.id === 'critical' ? { ...level, updateCadenceMinutes: 15, allHands: false } : level)) };

    expect(describePolicyChanges(DEFAULT_POLICY, after)).toEqual(['Critical: update cadence 30 minutes → 15 minutes.', 'Critical: all hands yes → no.']);
  });

  it('notices added and removed levels', () => {
    const after = { levels: DEFAULT_POLICY.levels.filter((level) => level.id !== 'minor') };

    expect(describePolicyChanges(DEFAULT_POLICY, after)).toEqual(['Removed level Minor.']);
  });

  it('reports nothing for an unchanged policy', () => {
    expect(describePolicyChanges(DEFAULT_POLICY, DEFAULT_POLICY)).toEqual([]);
  });
});

// part: updates (issue 16)
describe('describePolicyChanges: the escalation contact', () => {
  const withContact = (contact: string | null, direct = true) => ({
    levels: DEFAULT_POLICY.levels.map((level, index) => (index === 0 ? { ...level, communication: { direct, groups: [], roles: [], subjectTemplate: '{LEVEL} ISSUE UPDATE: {summary}', escalationContact: contact } } : level)),
  });

  it('says the contact was set, changed or removed, even when nothing else about the updates changed', () => {
    expect(describePolicyChanges(withContact(null), withContact('acc-sam'))).toEqual(['Critical: escalation contact set: a missed update now also reaches a person.']);
    expect(describePolicyChanges(withContact('acc-sam'), withContact('acc-mia'))).toEqual(['Critical: escalation contact changed to another person.']);
    expect(describePolicyChanges(withContact('acc-sam', false), withContact(null, false))).toEqual(['Critical: escalation contact removed: a missed update only reminds the assignee.']);
  });

  it('says an audience change once, without the contact', () => {
    expect(describePolicyChanges(withContact('acc-sam'), withContact('acc-sam', false))).toEqual(['Critical: stakeholder updates sent to reporter, assignee and watchers with the subject "{LEVEL} ISSUE UPDATE: {summary}" → not sent directly.']);
  });
});
