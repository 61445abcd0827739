import { describe, expect, it } from 'vitest';

import { severityToneOf } from './severity-tone';

describe('severityToneOf', () => {
  it.each([
    [0, 'top'],
    [1, 'high'],
    [2, 'other'],
    [5, 'other'],
    [-1, 'none'],
    [null, 'none'],
    [undefined, 'none'],
  ] as const)('rank %s → %s', (rank, tone) => {
    expect(severityToneOf(rank)).toBe(tone);
  });
});
