import { describe, expect, it } from 'vitest';

import { evenDurationOf, wordElapsedSeconds, wordMinutes } from './duration-words';

describe('wordMinutes', () => {
  it.each([
    [1, '1 minute'],
    [30, '30 minutes'],
    [90, '90 minutes'],
    [60, '1 hour'],
    [120, '2 hours'],
    [1440, '1 day'],
    [3 * 1440, '3 days'],
    [129_600, '90 days'],
  ])('%s min → %s', (minutes, expected) => {
    expect(wordMinutes(minutes)).toBe(expected);
  });

  it('picks the largest unit that divides evenly', () => {
    expect(evenDurationOf(1440)).toEqual({ amount: 1, unit: 'days' });
    expect(evenDurationOf(1500)).toEqual({ amount: 25, unit: 'hours' });
    expect(evenDurationOf(90)).toEqual({ amount: 90, unit: 'minutes' });
  });
});

describe('wordElapsedSeconds', () => {
  it.each([
    [0, 'less than a minute'],
    [59, 'less than a minute'],
    [60, '1 minute'],
    [45 * 60 + 30, '45 minutes'],
    [2 * 3600, '2 hours'],
    [2 * 3600 + 10 * 60 + 59, '2 hours 10 minutes'],
    [3600 + 60, '1 hour 1 minute'],
    [24 * 3600, '1 day'],
    [3 * 86_400 + 4 * 3600 + 20 * 60, '3 days 4 hours'],
    [Number.NaN, 'less than a minute'],
  ])('%s s → %s', (seconds, expected) => {
    expect(wordElapsedSeconds(seconds)).toBe(expected);
  });
});
