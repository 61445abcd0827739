import { describe, expect, it } from 'vitest';

import { formatDuration, formatRelative } from './time';

describe('formatRelative', () => {
  const now = new Date('2025-11-25T12:00:00Z');
  it.each([
    ['2025-11-25T11:59:40Z', 'just now'],
    ['2025-11-25T11:55:00Z', '5 minutes ago'],
    ['2025-11-25T09:00:00Z', '3 hours ago'],
    ['2025-11-24T12:00:00Z', 'yesterday'],
    ['2025-11-11T12:00:00Z', '2 weeks ago'],
  ])('%s → %s', (then, expected) => {
    expect(formatRelative(then, now, 'en-US')).toBe(expected);
  });

  it('returns nothing for an unreadable date instead of "NaN"', () => {
    expect(formatRelative('not a date', now)).toBe('');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, 'less than a minute'],
    [59, 'less than a minute'],
    [60, '1 min'],
    [45 * 60 + 30, '45 min'],
    [2 * 3600, '2 h'],
    [2 * 3600 + 10 * 60 + 59, '2 h 10 min'],
    [24 * 3600, '1 d'],
    [3 * 86_400 + 4 * 3600 + 20 * 60, '3 d 4 h'],
    [Number.NaN, 'less than a minute'],
  ])('%s s → %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
