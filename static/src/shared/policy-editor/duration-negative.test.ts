import { describe, expect, it } from 'vitest';

import { toMinutes } from './duration';

describe('toMinutes with a negative amount', () => {
  it.each(['-5', '−5', '– 5'])('says “%s minutes” is negative and what to enter, not just “Enter a number”', (amount) => {
    expect(toMinutes({ amount, unit: 'minutes' })).toEqual({ ok: false, message: `A duration cannot be negative (you entered ${amount} minutes). Enter a positive number, such as 30 or 1.5.` });
  });
});
