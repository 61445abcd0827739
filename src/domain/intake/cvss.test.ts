import { describe, expect, it } from 'vitest';

import { cvssTableProblem, DEFAULT_CVSS_TABLE, severityFromCvss } from './cvss';

describe('severityFromCvss', () => {
  it.each([
    [10, 'critical'],
    [9.0, 'critical'],
    [8.9, 'high'],
    [7.0, 'high'],
    [6.9, 'medium'],
    [4.0, 'medium'],
    [3.9, 'low'],
    [0.1, 'low'],
  ])('%d is %s on the default table', (score, band) => {
    expect(severityFromCvss(score)).toBe(band);
  });

  it.each([0, -1, 10.1, Number.NaN, Number.POSITIVE_INFINITY, null])('%s has no severity', (score) => {
    expect(severityFromCvss(score)).toBeNull();
  });

  it('follows an edited table, in any order, and leaves scores under every band without one', () => {
    const table = [
      { name: 'sev3', from: 5.0 },
      { name: 'sev1', from: 8.5 },
      { name: 'sev2', from: 7.0 },
    ];
    expect(severityFromCvss(8.5, table)).toBe('sev1');
    expect(severityFromCvss(8.4, table)).toBe('sev2');
    expect(severityFromCvss(4.9, table)).toBeNull();
  });

  it('a floating-point neighbour of a boundary lands on the side its tenth says', () => {
    expect(severityFromCvss(6.9 + 0.1)).toBe('high');
    expect(severityFromCvss(0.1 + 0.2 + 3.6)).toBe('low');
  });
});

describe('cvssTableProblem', () => {
  it('accepts the default table', () => {
    expect(cvssTableProblem(DEFAULT_CVSS_TABLE)).toBeNull();
  });

  it.each([
    [[], 'Add at least one band, for example Critical from 9.0.'],
    [[{ name: ' ', from: 5 }], 'Every band needs a name.'],
    [[{ name: 'x', from: 0 }], '"x" must start at a score above 0 and at most 10.'],
    [[{ name: 'x', from: 7.25 }], '"x" must start at a score with one decimal, like 7.0.'],
    [[{ name: 'x', from: 7 }, { name: 'x', from: 8 }], '"x" appears twice.'],
    [[{ name: 'x', from: 7 }, { name: 'y', from: 7.0 }], 'Two bands start at 7.0.'],
  ])('refuses %j', (table, sentence) => {
    expect(cvssTableProblem(table)).toBe(sentence);
  });
});
