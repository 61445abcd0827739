import { describe, expect, it } from 'vitest';

import { DEFAULT_POLICY, POLICY_PRESETS } from '../../../../src/domain/policy/presets';
import { generatePolicyView } from '../testing/policy-view.factory';
import { summarizePolicyErrors } from './policy-errors';
import { applyPreset, draftOf, policyFieldOf, removeLevel, updateLevel } from './policy-form';
import { chooseMove, movesOf, removedLevels, usageSentence } from './scale-moves';

const sev = POLICY_PRESETS.find((preset) => preset.id === 'sev1-sev3')?.policy ?? DEFAULT_POLICY;
const view = generatePolicyView({ usage: { major: { issues: 3, picked: 2, decided: 1 } } });

describe('removedLevels', () => {
  it('.ui: lists every level a preset takes away, with its count, moving by rank until the admin chooses', () => {
    const draft = applyPreset(draftOf(DEFAULT_POLICY), sev);
    const removed = removedLevels(view, draft);
    expect(removed.map((level) => [level.name, level.to])).toEqual([
      ['Critical', 'sev1'],
      ['Major', 'sev2'],
      ['Medium', 'sev3'],
      ['Minor', 'sev3'],
    ]);
    expect(removed[1]?.usage).toEqual({ issues: 3, picked: 2, decided: 1 });
    expect(movesOf(removedLevels(view, chooseMove(draft, 'medium', 'sev2')))).toContainEqual({ from: 'medium', to: 'sev2' });
  });

  it('.ui: asks nothing for a rename, and forgets a choice whose target was removed since', () => {
    expect(removedLevels(view, updateLevel(draftOf(DEFAULT_POLICY), 1, { name: 'Serious' }))).toEqual([]);
    const draft = chooseMove(removeLevel(draftOf(DEFAULT_POLICY), 2), 'medium', 'gone');
    expect(removedLevels(view, draft).map((level) => level.to)).toEqual(['minor']);
  });

  it('says what a removed level carries, or that it could not be counted', () => {
    expect(usageSentence(null)).toMatch(/could not count its issues just now/);
    expect(usageSentence({ issues: 0, picked: 0, decided: 0 })).toBe('No issue carries it.');
    expect(usageSentence({ issues: 3, picked: 2, decided: 1 })).toBe('3 issues carry it (2 as the reporter’s pick, 1 as the decided severity).');
  });

  it('.ui: shows a refused move under the moves, whichever one the backend names', () => {
    expect(policyFieldOf('mapping.2')).toBe('mapping');
    expect(policyFieldOf('mapping')).toBe('mapping');
  });
});

describe('summarizePolicyErrors', () => {
  it('.ui: lists the errors in the form’s order, each named after its control', () => {
    const draft = draftOf(DEFAULT_POLICY);
    const listed = summarizePolicyErrors(
      { mapping: 'Choose where Minor moves.', 'levels.1.weeklyBudget': 'Enter a whole number.', 'levels.1.name': 'Give the level a name.', levels: 'Add a level.' },
      draft,
    );
    expect(listed.map((error) => error.label)).toEqual(['Levels', 'Level 2 (Major) — Name', 'Level 2 (Major) — Weekly budget', 'Issues on removed levels']);
    expect(listed[1]).toEqual({ key: 'levels.1.name', label: 'Level 2 (Major) — Name', message: 'Give the level a name.' });
  });
});
