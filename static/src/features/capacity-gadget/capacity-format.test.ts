import { describe, expect, it } from 'vitest';

import { formatMeasureValue, formatShare, formatSprintDates, formatSupportOfTotal, shortSprintLabel, sprintState } from './capacity-format';

describe('formatMeasureValue', () => {
  it('shows time (seconds from the backend) in hours with at most one decimal', () => {
    expect(formatMeasureValue(45_000, 'time')).toBe('12.5 h');
    expect(formatMeasureValue(3600 * 31, 'time')).toBe('31 h');
    expect(formatMeasureValue(0, 'time')).toBe('0 h');
    expect(formatMeasureValue(60, 'time')).toBe('<0.1 h');
    expect(formatMeasureValue(3600 * 1234, 'time')).toBe('1,234 h');
  });

  it('counts points and issues with their unit, singular for one', () => {
    expect(formatMeasureValue(13, 'points')).toBe('13 points');
    expect(formatMeasureValue(1, 'points')).toBe('1 point');
    expect(formatMeasureValue(0.5, 'points')).toBe('0.5 points');
    expect(formatMeasureValue(4, 'count')).toBe('4 issues');
    expect(formatMeasureValue(1, 'count')).toBe('1 issue');
  });

  it('follows the locale’s decimal mark', () => {
    expect(formatMeasureValue(45_000, 'time', 'de-DE')).toBe('12,5 h');
  });

  it('chooses the unit’s plural on the number as shown', () => {
    expect(formatMeasureValue(0.96, 'points')).toBe('1 point');
    expect(formatMeasureValue(1.04, 'points', 'de-DE')).toBe('1 point');
  });
});

describe('formatSupportOfTotal', () => {
  it('says the support share of the total in the measure’s unit', () => {
    expect(formatSupportOfTotal(5 * 3600, 8 * 3600, 'time')).toBe('5 h of 8 h logged');
    expect(formatSupportOfTotal(5, 10, 'points')).toBe('5 of 10 points');
    expect(formatSupportOfTotal(2, 4, 'count')).toBe('2 of 4 issues');
  });

  it('says one point and one issue in the singular', () => {
    expect(formatSupportOfTotal(1, 1, 'points')).toBe('1 of 1 point');
    expect(formatSupportOfTotal(0, 1, 'count')).toBe('0 of 1 issue');
  });
});

describe('formatShare', () => {
  it('rounds to whole percent, keeps a sliver visible and marks a missing share', () => {
    expect(formatShare(0.27)).toBe('27%');
    expect(formatShare(0.2749)).toBe('27%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.001)).toBe('<1%');
    expect(formatShare(null)).toBe('–');
  });
});

describe('sprints', () => {
  // ICU versions differ in the spaces around the range dash.
  it('says the dates as a range in the viewer’s time zone', () => {
    expect(formatSprintDates('2025-11-03T09:00:00.000Z', '2025-11-17T09:00:00.000Z', 'en-GB', 'UTC')).toMatch(/^3\s?–\s?17 Nov 2025$/u);
    expect(formatSprintDates('2025-10-27T09:00:00.000Z', '2025-11-10T09:00:00.000Z', 'en-US', 'UTC')).toMatch(/^Oct 27\s?–\s?Nov 10, 2025$/u);
    expect(formatSprintDates('nope', '2025-11-10T09:00:00.000Z')).toBe('');
  });

  it('survives an unknown time zone', () => {
    expect(formatSprintDates('2025-11-03T09:00:00.000Z', '2025-11-17T09:00:00.000Z', 'en-GB', 'Mars/Olympus')).toMatch(/^3\s?–\s?17 Nov 2025$/u);
  });

  it('labels known states and shows a new one as it comes', () => {
    expect(sprintState('active')).toEqual({ label: 'Active', tone: 'inprogress' });
    expect(sprintState('archived')).toEqual({ label: 'archived', tone: 'default' });
  });

  it('shortens a sprint name to its number, or its first characters', () => {
    expect(shortSprintLabel('SHOP Sprint 14')).toBe('14');
    expect(shortSprintLabel('Sprint 2025-123456')).toBe('3456');
    expect(shortSprintLabel('Hardening')).toBe('Hard');
  });
});
