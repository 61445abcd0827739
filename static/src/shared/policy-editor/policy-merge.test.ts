import { describe, expect, it } from 'vitest';

import { DEFAULT_POLICY } from '../../../../src/domain/policy/presets';
import { addLevel, draftOf, moveLevel, removeLevel, updateLevel } from './policy-form';
import { mergePolicyDrafts } from './policy-merge';

const base = draftOf(DEFAULT_POLICY);

describe('mergePolicyDrafts', () => {
  it('puts my new level at the bottom of their version, with keys no row shares', () => {
    const mine = updateLevel(addLevel(base), base.levels.length, { name: 'Cosmetic' });
    const theirs = draftOf({ levels: DEFAULT_POLICY.levels.map((level, index) => (index === 0 ? { ...level, allHands: false } : level)) });
    const { draft, notes } = mergePolicyDrafts(base, mine, theirs);
    expect(draft.levels.map((level) => level.name)).toEqual([...DEFAULT_POLICY.levels.map((level) => level.name), 'Cosmetic']);
    expect(draft.levels[0]?.allHands).toBe(false);
    expect(new Set(draft.levels.map((level) => level.key)).size).toBe(draft.levels.length);
    expect(draft.nextKey).toBeGreaterThan(Math.max(mine.nextKey, theirs.nextKey));
    expect(notes.kept).toEqual(['Added level “Cosmetic”']);
  });

  it('keeps my new order of the levels when they kept the old one, and my removal when they did not touch the level', () => {
    const moved = moveLevel(base, 0, 1);
    const { draft: reordered } = mergePolicyDrafts(base, moved, base);
    expect(reordered.levels.map((level) => level.id)).toEqual(moved.levels.map((level) => level.id));
    const { draft: removed, notes } = mergePolicyDrafts(base, removeLevel(base, 3), base);
    expect(removed.levels).toHaveLength(3);
    expect(notes.kept).toEqual(['Removed level “Minor”']);
  });

  it('brings back a level they removed that I changed, as a conflict to copy from', () => {
    const mine = updateLevel(base, 3, { definition: 'Cosmetic issues only, no workaround needed at all.' });
    const { draft, notes } = mergePolicyDrafts(base, mine, removeLevel(base, 3));
    expect(draft.levels).toHaveLength(3);
    expect(notes.conflicts[0]?.label).toBe('level “Minor”');
    expect(notes.conflicts[0]?.mine).toContain('Cosmetic issues only');
  });
});
