import { describe, expect, it } from 'vitest';

import { listLevelNames, nameFromLevelId, nameSeverity, severityName } from './severity-names';

const SCALE = [
  { id: 'critical', name: 'Critical' },
  { id: 'major', name: 'Major' },
  { id: 'minor', name: 'Minor' },
];

describe('severityName', () => {
  it.each([
    ['a level of the scale, by its name', SCALE, 'critical', undefined, 'Critical'],
    ['a renamed level, by its new name whatever was recorded', [{ id: 'critical', name: 'Sev 1 – outage' }, ...SCALE.slice(1)], 'critical', 'Critical', 'Sev 1 – outage'],
    ['a removed level, by the name recorded with it', SCALE, 'blocker', 'Blocker!', 'Blocker! (no longer in the scale)'],
    ['a removed level with no recorded name, by a name made from its id', [{ id: 'sev1', name: 'Sev1' }, { id: 'sev2', name: 'Sev2' }], 'major', undefined, 'Major (no longer in the scale)'],
    ['a removed level whose recorded name is blank', SCALE, 'sev-2', '   ', 'Sev 2 (no longer in the scale)'],
    ['any id against an empty scale', [], 'p0', undefined, 'P0 (no longer in the scale)'],
  ])('%s', (_case, scale, id, recorded, expected) => {
    expect(severityName(scale, id, recorded)).toBe(expected);
  });

  it('never answers with the bare id, for any id', () => {
    for (const id of ['critical', 'major', 'sev1', 'p0', 'level-5', 'a', 'x-']) {
      expect(severityName([{ id: 'other', name: 'Other' }], id)).not.toBe(id);
      expect(severityName([{ id: 'other', name: 'Other' }], id)).toMatch(/\(no longer in the scale\)$/);
    }
  });

  it('gives the rank in the scale, or null for a level it lost', () => {
    expect(nameSeverity(SCALE, 'major')).toEqual({ text: 'Major', name: 'Major', rank: 1 });
    expect(nameSeverity(SCALE, 'gone', 'Gone')).toEqual({ text: 'Gone (no longer in the scale)', name: 'Gone', rank: null });
  });

  it('does not take a hostile id or name for markup: it only passes text on', () => {
    expect(severityName(SCALE, '<img src=x>', undefined)).toBe('<img src=x> (no longer in the scale)');
    expect(severityName([{ id: 'x', name: '**Sev** | 1' }], 'x')).toBe('**Sev** | 1');
  });
});

describe('nameFromLevelId', () => {
  it.each([
    ['critical', 'Critical'],
    ['sev1', 'Sev1'],
    ['p0', 'P0'],
    ['level-5', 'Level 5'],
    ['--', 'Unnamed level'],
    ['', 'Unnamed level'],
  ])('%s → %s', (id, expected) => {
    expect(nameFromLevelId(id)).toBe(expected);
  });
});

describe('listLevelNames', () => {
  it.each([
    [[], ''],
    [['Critical'], 'Critical'],
    [['Critical', 'Major'], 'Critical or Major'],
    [['Sev1', 'Sev2', 'Sev3'], 'Sev1, Sev2 or Sev3'],
  ])('%j → %s', (names, expected) => {
    expect(listLevelNames(names)).toBe(expected);
  });
});
