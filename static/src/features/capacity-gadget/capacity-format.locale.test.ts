/**
 * Issue 14, item 7: every figure the gadget says reads as people expect in their locale, and the
 * suggested plan is rounded to the nearest sensible amount for its measure (never down: 5.97 → 6).
 */
import { describe, expect, it } from 'vitest';

import { formatMeasureValue, formatPlanRange, formatPlanValue, formatShare } from './capacity-format';

describe('figures of whole things', () => {
  it('never shows a float’s raw digits, in any measure', () => {
    expect(formatMeasureValue(35.333333333333336, 'count')).toBe('35.3 issues');
    expect(formatMeasureValue(111.33333333333333, 'points')).toBe('111.3 points');
    expect(formatMeasureValue(3600 * 23.555555555555557, 'time')).toBe('23.6 h');
    expect(formatPlanValue(23.555555555555557, 'count')).toBe('24 issues');
  });

  it('says them in the viewer’s locale: decimal mark and grouping', () => {
    expect(formatMeasureValue(1234.56, 'points', 'de-DE')).toBe('1.234,6 points');
    expect(formatPlanRange(1234.4, 1300.2, 'points', 'de-DE')).toBe('1.234–1.300 points');
  });
});

describe('formatPlanValue: the suggested plan, rounded to the nearest sensible amount', () => {
  it.each([
    [5.97, 'points', undefined, '6 points'],
    [5.4, 'points', undefined, '5 points'],
    [0.6, 'points', undefined, '1 point'],
    [0.4, 'points', undefined, '0 points'],
    [5.97, 'count', undefined, '6 issues'],
    [1.2, 'count', undefined, '1 issue'],
    // Time in seconds: whole hours once there are a few, half hours below that.
    [3600 * 30.6, 'time', undefined, '31 h'],
    [3600 * 2.3, 'time', undefined, '2.5 h'],
    [3600 * 2.3, 'time', 'de-DE', '2,5 h'],
    [3600 * 1234.4, 'time', 'en-US', '1,234 h'],
    [0, 'time', undefined, '0 h'],
  ] as const)('%d in %s (%s) → %s', (value, measure, locale, expected) => {
    expect(formatPlanValue(value, measure, locale)).toBe(expected);
  });

  it('a negative or unreadable plan reads as nothing to plan, not a minus', () => {
    expect(formatPlanValue(-2, 'points')).toBe('0 points');
    expect(formatPlanValue(Number.NaN, 'count')).toBe('0 issues');
  });

  it('a range says both ends with one unit, and one figure when they meet', () => {
    expect(formatPlanRange(64.6, 70.2, 'points')).toBe('65–70 points');
    expect(formatPlanRange(5.6, 6.4, 'count')).toBe('6 issues');
    expect(formatPlanRange(3600 * 20, 3600 * 24.2, 'time', 'de-DE')).toBe('20–24 h');
  });
});

describe('formatShare and values in the viewer’s locale', () => {
  it('writes percentages as the locale does (German with a no-break space)', () => {
    expect(formatShare(0.27, 'de-DE')).toBe('27\u00a0%');
    expect(formatShare(0.27, 'en-GB')).toBe('27%');
    expect(formatShare(0.001, 'de-DE')).toBe('<1\u00a0%');
    expect(formatShare(null, 'de-DE')).toBe('–');
  });

  it('keeps the sliver of time in the locale’s decimal mark', () => {
    expect(formatMeasureValue(60, 'time', 'de-DE')).toBe('<0,1 h');
  });
});
