/** playbook part (issue 16): the all-hands playbook in the policy, its default for old policies, and its validation. */
import { severityPolicySchema } from '@contract/policy.contract';
import { DEFAULT_PLAYBOOK, playbookOf } from '@contract/policy.values';
import { describe, expect, it } from 'vitest';

import { describePolicyChanges } from '../../../../src/domain/policy/policy-diff';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/presets';
import { draftOf, policyFieldOf, toPolicy, updateLevel } from './policy-form';

const [critical, major] = DEFAULT_POLICY.levels;
if (critical === undefined || major === undefined) throw new Error('The default policy has levels');

describe('a policy saved before playbooks existed', () => {
  it('reads, with the usual sequence on all-hands levels and none on others', () => {
    expect(severityPolicySchema.safeParse(DEFAULT_POLICY).success).toBe(true);
    expect(critical.playbook).toBeUndefined();
    expect(playbookOf(critical)).toEqual(DEFAULT_PLAYBOOK);
    expect(playbookOf(major)).toEqual([]);
    expect(DEFAULT_PLAYBOOK).toEqual([
      'Bring in help and name who leads',
      'Quick impact analysis: is it really everyone?',
      'Quick root-cause analysis, with tasks assigned',
      'Mitigation plan (a rollback often beats a fix)',
      'Mitigation validated: metrics back to green',
      'Update sent',
      'Rest',
    ]);
  });

  it('opens in the editor with the playbook in effect, and saves unchanged when left alone', () => {
    const draft = draftOf(DEFAULT_POLICY);
    expect(draft.levels[0]?.playbook).toBe(DEFAULT_PLAYBOOK.join('\n'));
    expect(draft.levels[1]?.playbook).toBe('');
    expect(toPolicy(draft)).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });
});

describe('editing the playbook', () => {
  it('saves the admin’s steps, one per non-blank line, and an emptied all-hands playbook as none', () => {
    const edited = toPolicy(updateLevel(draftOf(DEFAULT_POLICY), 0, { playbook: ' Page the incident commander \n\n Roll back \n' }));
    expect(edited.ok && edited.policy.levels[0]?.playbook).toEqual(['Page the incident commander', 'Roll back']);
    const emptied = toPolicy(updateLevel(draftOf(DEFAULT_POLICY), 0, { playbook: '' }));
    expect(emptied.ok && emptied.policy.levels[0]?.playbook).toEqual([]);
    if (emptied.ok) expect(playbookOf(emptied.policy.levels[0] ?? critical)).toEqual([]);
  });

  it.each([
    ['a step over 200 characters', `Roll back\n${'x'.repeat(201)}`, /200 characters/],
    ['more than 15 steps', Array.from({ length: 16 }, (_unused, index) => `Step ${String(index + 1)}`).join('\n'), /15 steps/],
  ])('refuses %s, in the editor and in the contract alike', (_name, text, message) => {
    const check = toPolicy(updateLevel(draftOf(DEFAULT_POLICY), 0, { playbook: text }));
    expect(check.ok ? {} : check.errors).toEqual({ 'levels.0.playbook': expect.stringMatching(message) as unknown });
    const steps = text.split('\n');
    const forged = severityPolicySchema.safeParse({ levels: DEFAULT_POLICY.levels.map((level, index) => (index === 0 ? { ...level, playbook: steps } : level)) });
    expect(forged.success).toBe(false);
    expect(forged.error?.issues[0]?.message).toMatch(message);
    expect(policyFieldOf(`policy.${forged.error?.issues[0]?.path.join('.') ?? ''}`)).toBe('levels.0.playbook');
  });

  it('refuses a blank or non-text step sent past the editor', () => {
    for (const playbook of [['Roll back', '   '], ['Roll back', 7], 'Roll back']) {
      expect(severityPolicySchema.safeParse({ levels: DEFAULT_POLICY.levels.map((level, index) => (index === 0 ? { ...level, playbook } : level)) }).success).toBe(false);
    }
  });

  it('is recorded in the change history in steps, only where it shows (all-hands levels)', () => {
    const longer = { levels: DEFAULT_POLICY.levels.map((level, index) => (index === 0 ? { ...level, playbook: [...DEFAULT_PLAYBOOK, 'Write the postmortem'] } : level)) };
    expect(describePolicyChanges(DEFAULT_POLICY, longer)).toEqual(['Critical: playbook changed (7 steps → 8 steps).']);
    const explicitDefault = { levels: DEFAULT_POLICY.levels.map((level, index) => (index === 0 ? { ...level, playbook: [...DEFAULT_PLAYBOOK] } : level)) };
    expect(describePolicyChanges(DEFAULT_POLICY, explicitDefault)).toEqual([]);
    const notAllHands = { levels: DEFAULT_POLICY.levels.map((level, index) => (index === 0 ? { ...level, allHands: false } : level)) };
    expect(describePolicyChanges(DEFAULT_POLICY, notAllHands)).toEqual(['Critical: all hands yes → no.']);
  });
});
