import { severityPolicySchema } from '@contract/policy.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_POLICY, POLICY_PRESETS } from '../../../../src/domain/policy/presets';
import { addLevel, applyPreset, draftOf, examplesOf, levelIdFrom, moveLevel, policyFieldOf, removeLevel, toPolicy, updateLevel } from './policy-form';

const errorsOf = (check: ReturnType<typeof toPolicy>) => (check.ok ? {} : check.errors);

describe('draftOf and toPolicy', () => {
  it('.payload: an untouched draft gives back exactly the policy it was made from', () => {
    for (const policy of [DEFAULT_POLICY, ...POLICY_PRESETS.map((preset) => preset.policy)]) {
      expect(toPolicy(draftOf(policy))).toEqual({ ok: true, policy });
    }
  });

  it('.payload: converts durations, examples, "no updates" and an empty budget', () => {
    let draft = draftOf(DEFAULT_POLICY);
    draft = updateLevel(draft, 0, { responseTarget: { amount: '1.5', unit: 'hours' }, updateCadence: null, examples: '  Site down \n\n Data lost ', weeklyBudget: '' });
    draft = updateLevel(draft, 1, { jiraPriority: null, weeklyBudget: '4' });
    const check = toPolicy(draft);
    expect(check.ok).toBe(true);
    const [top, second] = check.ok ? check.policy.levels : [];
    expect(top).toMatchObject({ responseTargetMinutes: 90, updateCadenceMinutes: null, examples: ['Site down', 'Data lost'], weeklyBudget: null });
    expect(second).toMatchObject({ jiraPriority: null, weeklyBudget: 4 });
    expect(severityPolicySchema.safeParse(check.ok ? check.policy : null).success).toBe(true);
  });

  it('refuses fewer than two levels, blank or repeated names and short definitions, under the paths the backend names', () => {
    const one = removeLevel(removeLevel(removeLevel(draftOf(DEFAULT_POLICY), 3), 2), 1);
    expect(Object.keys(errorsOf(toPolicy(one)))).toEqual(['levels']);

    let draft = draftOf(DEFAULT_POLICY);
    draft = updateLevel(draft, 1, { name: '  ' });
    draft = updateLevel(draft, 2, { name: 'critical' });
    draft = updateLevel(draft, 3, { definition: 'Too short' });
    const errors = errorsOf(toPolicy(draft));
    expect(errors).toEqual({
      'levels.1.name': 'Give the level a name.',
      'levels.2.name': 'Another level is already called “critical”.',
      'levels.3.definition': 'Define the level in at least a sentence (10 characters).',
    });
  });

  it('refuses a bad duration, a bad budget and too many examples', () => {
    let draft = draftOf(DEFAULT_POLICY);
    draft = updateLevel(draft, 0, { confirmWithin: { amount: '0', unit: 'minutes' }, weeklyBudget: '1.5', examples: 'a\nb\nc\nd\ne\nf\ng' });
    draft = updateLevel(draft, 1, { updateCadence: { amount: 'x', unit: 'hours' } });
    expect(Object.keys(errorsOf(toPolicy(draft))).sort()).toEqual(['levels.0.confirmWithinMinutes', 'levels.0.examples', 'levels.0.weeklyBudget', 'levels.1.updateCadenceMinutes']);
  });
});

describe('levels', () => {
  it('.payload: a new level takes its id from its name; a saved level keeps its id when renamed', () => {
    let draft = addLevel(draftOf(DEFAULT_POLICY));
    draft = updateLevel(draft, 4, { name: 'Cosmetic Only!', definition: 'Looks wrong, works right.' });
    draft = updateLevel(draft, 0, { name: 'Blocker' });
    expect(draft.levels.map((level) => level.id)).toEqual(['critical', 'major', 'medium', 'minor', 'cosmetic-only']);
    expect(draft.levels[0]?.name).toBe('Blocker');
    expect(new Set(draft.levels.map((level) => level.key)).size).toBe(5);
    expect(updateLevel(draft, 4, { name: 'Minor' }).levels[4]?.id).toBe('minor-2');
  });

  it('moves, refuses to move past the ends, and replaces every level with a preset', () => {
    const draft = draftOf(DEFAULT_POLICY);
    expect(moveLevel(draft, 1, -1).levels.map((level) => level.id)).toEqual(['major', 'critical', 'medium', 'minor']);
    expect(moveLevel(draft, 0, -1)).toBe(draft);
    expect(moveLevel(draft, 3, 1)).toBe(draft);
    const sev = POLICY_PRESETS[1]?.policy ?? DEFAULT_POLICY;
    const replaced = applyPreset(addLevel(draft), sev);
    expect(replaced.levels.map((level) => level.id)).toEqual(['sev1', 'sev2', 'sev3']);
    expect(replaced.levels.every((level) => level.idFixed)).toBe(true);
    expect(replaced.levels.map((level) => level.key)).not.toContain('level-0');
  });
});

describe('levelIdFrom', () => {
  it.each([
    ['Critical', 'critical'],
    ['  Sev 1 — outage ', 'sev-1-outage'],
    ['Très grave', 'tres-grave'],
    ['!!!', 'level'],
    ['x'.repeat(40), 'x'.repeat(32)],
  ])('%s → %s', (name, id) => {
    expect(levelIdFrom(name)).toBe(id);
  });

  it('stays unique and within 32 characters', () => {
    expect(levelIdFrom('Major', ['major'])).toBe('major-2');
    expect(levelIdFrom('x'.repeat(40), ['x'.repeat(32)])).toBe(`${'x'.repeat(30)}-2`);
  });
});

describe('examplesOf', () => {
  it('keeps one trimmed example per non-blank line', () => {
    expect(examplesOf(' a \n\n b\n')).toEqual(['a', 'b']);
  });
});

describe('policyFieldOf', () => {
  it.each([
    ['policy.levels.2.jiraPriority', 'levels.2.jiraPriority'],
    ['levels.1.name', 'levels.1.name'],
    ['policy.levels.0.id', 'levels.0.name'],
    ['policy.levels.0.examples.3', 'levels.0.examples'],
    ['policy.levels', 'levels'],
    ['policy', undefined],
    ['baseVersion', undefined],
    ['policy.levels.0.unknown', undefined],
    [undefined, undefined],
  ])('%s → %s', (path, key) => {
    expect(policyFieldOf(path)).toBe(key);
  });
});

// disputes (issue 16 part 4)
describe('the dispute time box', () => {
  it('shows the default for levels saved without one and saves what the admin typed', () => {
    const policy = DEFAULT_POLICY;
    let draft = draftOf(policy);
    expect(draft.levels.map((level) => level.disputeTimeBox)).toEqual([{ amount: '30', unit: 'minutes' }, ...policy.levels.slice(1).map(() => ({ amount: '4', unit: 'hours' }))]);
    draft = updateLevel(draft, 0, { disputeTimeBox: { amount: '15', unit: 'minutes' } });
    const checked = toPolicy(draft);
    expect(checked.ok && checked.policy.levels[0]?.disputeTimeBoxMinutes).toBe(15);
    expect(checked.ok && 'disputeTimeBoxMinutes' in (checked.policy.levels[1] ?? {})).toBe(false);
    expect(errorsOf(toPolicy(updateLevel(draft, 1, { disputeTimeBox: { amount: '0', unit: 'minutes' } })))).toHaveProperty(['levels.1.disputeTimeBoxMinutes']);
  });
});
