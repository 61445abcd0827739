import { describe, expect, it } from 'vitest';

import { barFractions, columnGeometry, shareCeiling, toPercent } from './chart-scale';

describe('barFractions', () => {
  it('scales every bar to the largest', () => {
    expect(barFractions([10, 5, 2.5])).toEqual([1, 0.5, 0.25]);
  });

  it('draws nothing for all zeros, negatives or nonsense', () => {
    expect(barFractions([0, 0])).toEqual([0, 0]);
    expect(barFractions([-3, Number.NaN, 4])).toEqual([0, 0, 1]);
    expect(barFractions([])).toEqual([]);
  });
});

describe('shareCeiling', () => {
  it('rounds the largest share up to the next 10 %', () => {
    expect(shareCeiling([0.18, 0.35, 0.12])).toBe(0.4);
    expect(shareCeiling([0.3])).toBe(0.3);
    expect(shareCeiling([0.301])).toBe(0.4);
  });

  it('keeps at least 10 % and at most 100 %, skipping sprints without a share', () => {
    expect(shareCeiling([0, null])).toBe(0.1);
    expect(shareCeiling([])).toBe(0.1);
    expect(shareCeiling([1])).toBe(1);
  });
});

describe('toPercent and columnGeometry', () => {
  it('turns a fraction into an SVG length with a visible sliver for tiny values', () => {
    expect(toPercent(0.425)).toBe('42.5%');
    expect(toPercent(0.001)).toBe('1%');
    expect(toPercent(0)).toBe('0%');
    expect(toPercent(2)).toBe('100%');
    expect(toPercent(Number.NaN)).toBe('0%');
  });

  it('stands a column on the bottom of its box', () => {
    expect(columnGeometry(0.675)).toEqual({ y: '32.5%', height: '67.5%' });
    expect(columnGeometry(0)).toEqual({ y: '100%', height: '0%' });
  });
});
