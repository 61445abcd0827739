import { describe, expect, it } from 'vitest';

import { formatRelative } from './time';

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
