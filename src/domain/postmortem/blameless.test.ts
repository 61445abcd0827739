import { describe, expect, it } from 'vitest';

import { findBlameHints } from './blameless';

describe('findBlameHints', () => {
  it.each([
    ['It was Dave’s fault that the cache was flushed.', 'Dave’s fault'],
    ["It was Dave's mistake.", "Dave's mistake"],
    ['The on-call engineer was careless with the migration.', 'careless'],
    ['Root cause: human error.', 'human error'],
    ['Ops should have checked the dashboard.', 'should have checked'],
    ['The developer forgot to update the config.', 'The developer forgot to'],
    ['We need to find who is to blame.', 'to blame'],
  ])('flags “%s”', (text, phrase) => {
    expect(findBlameHints(text).map((hint) => hint.phrase)).toContain(phrase);
  });

  it('suggests a systems-focused rewording with each hint', () => {
    const [hint] = findBlameHints('Root cause: human error.');

    expect(hint?.suggestion).toMatch(/what made the error easy to make/);
  });

  it('accepts systems-focused writing', () => {
    expect(findBlameHints('The deploy tool accepted a config without schema validation, and no alert fired for 40 minutes.')).toEqual([]);
  });

  it('lists several hints in reading order', () => {
    expect(findBlameHints('He should have known; it was human error.').map((hint) => hint.phrase)).toEqual(['should have known', 'human error']);
  });
});
