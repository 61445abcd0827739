import { describe, expect, it } from 'vitest';

import { fromMinutes, toMinutes } from './duration';

describe('fromMinutes', () => {
  it.each([
    [15, { amount: '15', unit: 'minutes' }],
    [60, { amount: '1', unit: 'hours' }],
    [90, { amount: '90', unit: 'minutes' }],
    [120, { amount: '2', unit: 'hours' }],
    [1440, { amount: '1', unit: 'days' }],
    [4320, { amount: '3', unit: 'days' }],
    [2880 + 60, { amount: '49', unit: 'hours' }],
  ])('%i minutes → %j', (minutes, draft) => {
    expect(fromMinutes(minutes)).toEqual(draft);
  });
});

describe('toMinutes', () => {
  it.each([
    [{ amount: '30', unit: 'minutes' }, 30],
    [{ amount: '2', unit: 'hours' }, 120],
    [{ amount: '1.5', unit: 'hours' }, 90],
    [{ amount: '1,5', unit: 'hours' }, 90],
    [{ amount: ' 3 ', unit: 'days' }, 4320],
    [{ amount: '90', unit: 'days' }, 129_600],
  ] as const)('%j → %i', (draft, minutes) => {
    expect(toMinutes(draft)).toEqual({ ok: true, minutes });
  });

  it.each([
    [{ amount: '', unit: 'hours' }, /Enter a duration/],
    [{ amount: 'soon', unit: 'hours' }, /number/],
    [{ amount: '-1', unit: 'hours' }, /number/],
    [{ amount: '0', unit: 'minutes' }, /at least 1 minute/],
    [{ amount: '0.5', unit: 'minutes' }, /whole number of minutes/],
    [{ amount: '91', unit: 'days' }, /at most 90 days/],
  ] as const)('refuses %j', (draft, message) => {
    const result = toMinutes(draft);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
  });

  it('round-trips every whole duration it shows', () => {
    for (const minutes of [1, 15, 59, 60, 61, 120, 1439, 1440, 4320, 129_600]) expect(toMinutes(fromMinutes(minutes))).toEqual({ ok: true, minutes });
  });
});

