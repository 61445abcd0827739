import { describe, expect, it } from 'vitest';

import { emptyNote } from './capacity-notes';

describe('emptyNote: why a sprint has no share, in the tense of its state', () => {
  it.each([
    ['time', 'active', 'No time logged in this sprint yet, so there is no share to show.'],
    ['points', 'active', 'No estimated issues in this sprint yet, so there is no share to show.'],
    ['count', 'active', 'No issues in this sprint yet, so there is no share to show.'],
    // A closed sprint is over: nothing will come "yet".
    ['time', 'closed', 'No time was logged in this sprint, so it has no share.'],
    ['points', 'closed', 'No issue in this sprint had story points, so it has no share.'],
    ['count', 'closed', 'This sprint ended with no issues in it, so it has no share.'],
    // A planned sprint has not started: time cannot have been logged, but its plan can be shown.
    ['time', 'future', 'This sprint has not started, so no time is logged in it yet.'],
    ['points', 'future', 'No estimated issues are planned in this sprint yet.'],
    ['count', 'future', 'No issues are planned in this sprint yet.'],
  ] as const)('%s, %s sprint', (measure, state, expected) => {
    expect(emptyNote(measure, state)).toBe(expected);
  });

  it('never says "yet" of a closed sprint', () => {
    for (const measure of ['time', 'points', 'count'] as const) expect(emptyNote(measure, 'closed')).not.toMatch(/\byet\b/u);
  });
});
