import { describe, expect, it } from 'vitest';

import { complianceOf, durationStats, isoWeekNumber, lastWeeks, overallCompliance, periodHealth, responseVerdict, sumCompliance, workingMs, type HealthPeriod, type SupportRecord } from './health';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (day: number, hour: number, minute = 0): string => new Date(Date.UTC(2026, 10, day, hour, minute)).toISOString();

/** Sprint 7: Mon 2 Nov 09:00 – Mon 16 Nov 09:00 UTC. */
const sprint: HealthPeriod = { name: 'Sprint 7', start: at(2, 9), end: at(16, 9), state: 'closed' };
const NOW = at(20, 12);

const record = (overrides: Partial<SupportRecord> & Pick<SupportRecord, 'key'>): SupportRecord => ({
  createdAt: at(3, 10),
  resolvedAt: null,
  severity: 'critical',
  kind: 'incident',
  guideline: null,
  waiting: [],
  ...overrides,
});

/** A Critical (1 h target) decided at 10:00 on the 3rd. */
const critical = (firstResponseAt: string | null) => ({ decisionAt: at(3, 10), dueAt: at(3, 11), firstResponseAt });

describe('workingMs', () => {
  it.each([
    ['no waiting', [], 2 * HOUR],
    ['a closed span inside', [{ from: at(3, 10, 30), to: at(3, 11) }], 90 * MIN],
    ['a span overlapping the start', [{ from: at(3, 9), to: at(3, 10, 30) }], 90 * MIN],
    ['a span still open (waits until now)', [{ from: at(3, 11), to: null }], 1 * HOUR],
    ['two spans, one running past the end: only the part inside counts', [{ from: at(3, 10), to: at(3, 10, 30) }, { from: at(3, 11, 30), to: at(3, 13) }], 1 * HOUR],
    ['a span outside', [{ from: at(4, 10), to: at(4, 11) }], 2 * HOUR],
    ['a span covering everything', [{ from: at(3, 0), to: at(4, 0) }], 0],
  ])('%s', (_case, waiting, expected) => {
    expect(workingMs(at(3, 10), at(3, 12), waiting, NOW)).toBe(expected);
  });

  it('is never negative, even when the end comes before the start (a clock skew)', () => {
    expect(workingMs(at(3, 12), at(3, 10), [], NOW)).toBe(0);
  });
});

describe('responseVerdict', () => {
  it.each<[string, Partial<SupportRecord>, string]>([
    ['answered within the target', { guideline: critical(at(3, 10, 45)) }, 'met'],
    ['answered exactly at the guideline date', { guideline: critical(at(3, 11)) }, 'met'],
    ['answered a minute late', { guideline: critical(at(3, 11, 1)) }, 'breached'],
    ['late by the clock, but 30 minutes of it waiting for the reporter', { guideline: critical(at(3, 11, 20)), waiting: [{ from: at(3, 10, 10), to: at(3, 10, 40) }] }, 'met'],
    ['waiting before the decision does not help', { guideline: critical(at(3, 11, 20)), waiting: [{ from: at(3, 9), to: at(3, 9, 30) }] }, 'breached'],
    ['open, no response, target passed', { guideline: critical(null) }, 'breached'],
    ['open, no response, target not passed yet', { guideline: { decisionAt: at(20, 11, 30), dueAt: at(20, 12, 30), firstResponseAt: null } }, 'pending'],
    ['open, no response, still waiting for the reporter since before the target', { guideline: critical(null), waiting: [{ from: at(3, 10, 30), to: null }] }, 'pending'],
    ['resolved before any comment, within the target', { guideline: critical(null), resolvedAt: at(3, 10, 50) }, 'met'],
    ['resolved late without any comment', { guideline: critical(null), resolvedAt: at(4, 10) }, 'breached'],
    ['never decided', { severity: null, guideline: null }, 'no-guideline'],
  ])('%s', (_case, overrides, expected) => {
    expect(responseVerdict(record({ key: 'SHOP-1', ...overrides }), NOW)).toBe(expected);
  });
});

describe('durationStats and compliance', () => {
  it('means and medians in seconds, odd and even counts', () => {
    expect(durationStats([1 * HOUR, 3 * HOUR, 2 * HOUR])).toEqual({ count: 3, meanSeconds: 7200, medianSeconds: 7200 });
    expect(durationStats([1 * HOUR, 4 * HOUR, 2 * HOUR, 10 * HOUR])).toEqual({ count: 4, meanSeconds: 17 * 900, medianSeconds: 3 * 3600 });
    expect(durationStats([])).toBeNull();
  });

  it('has no share without a settled guideline date, rather than dividing by zero', () => {
    expect(complianceOf([])).toEqual({ met: 0, breached: 0, pending: 0, share: null });
    expect(complianceOf(['pending', 'no-guideline'])).toEqual({ met: 0, breached: 0, pending: 1, share: null });
    expect(complianceOf(['met', 'met', 'met', 'breached', 'pending'])).toEqual({ met: 3, breached: 1, pending: 1, share: 0.75 });
    expect(sumCompliance([complianceOf(['met']), complianceOf(['breached', 'pending'])])).toEqual({ met: 1, breached: 1, pending: 1, share: 0.5 });
  });
});

describe('periodHealth', () => {
  /**
   * By hand, Sprint 7 (2 Nov 09:00 – 16 Nov 09:00):
   *   A critical incident, arrived 3rd 10:00, decided 10:00, answered 10:30, resolved 5th 10:00 (48 h)   met
   *   B critical incident, arrived 3rd 10:00, decided 10:00, answered 12:00 (1 h waiting 10:30–11:30),
   *     resolved 4th 10:00: 24 h less 1 h waiting = 23 h; acknowledged in 2 h − 1 h = 1 h               met
   *   C critical incident, arrived 3rd 10:00, decided 10:00, never answered, open                         breached
   *   D major defect, arrived 1 Nov (before), resolved 10th 10:00: counts as resolved only
   *   E support request never decided, arrived 6th, open                                                  no guideline
   *   F critical incident arriving 17th (after the sprint): not counted
   *   critical: arrived 3, resolved 2, compliance 2 met / 1 breached; MTTA mean (30 min + 1 h)/2 = 45 min;
   *             MTTR mean (48 h + 23 h)/2 = 35.5 h, median the same
   *   major: arrived 0, resolved 1; not decided: arrived 1
   */
  const records: SupportRecord[] = [
    record({ key: 'A', guideline: critical(at(3, 10, 30)), resolvedAt: at(5, 10) }),
    record({ key: 'B', guideline: critical(at(3, 12)), waiting: [{ from: at(3, 10, 30), to: at(3, 11, 30) }], resolvedAt: at(4, 10) }),
    record({ key: 'C', guideline: critical(null) }),
    record({ key: 'D', severity: 'major', kind: 'defect', createdAt: at(1, 10), resolvedAt: at(10, 10), guideline: { decisionAt: at(1, 10), dueAt: at(1, 14), firstResponseAt: at(1, 11) } }),
    record({ key: 'E', severity: null, kind: null, createdAt: at(6, 9) }),
    record({ key: 'F', createdAt: at(17, 9), guideline: null }),
  ];

  it('counts arrivals and resolutions by severity and kind, compliance and times per severity', () => {
    const health = periodHealth(sprint, records, NOW);

    expect([health.arrived, health.resolved]).toEqual([4, 3]);
    expect(health.bySeverity).toEqual([
      {
        severity: 'critical',
        arrived: 3,
        resolved: 2,
        compliance: { met: 2, breached: 1, pending: 0, share: 2 / 3 },
        acknowledge: { count: 2, meanSeconds: 45 * 60, medianSeconds: 45 * 60 },
        resolve: { count: 2, meanSeconds: 35.5 * 3600, medianSeconds: 35.5 * 3600 },
      },
      { severity: 'major', arrived: 0, resolved: 1, compliance: { met: 0, breached: 0, pending: 0, share: null }, acknowledge: null, resolve: { count: 1, meanSeconds: 9 * 24 * 3600, medianSeconds: 9 * 24 * 3600 } },
      { severity: null, arrived: 1, resolved: 0, compliance: { met: 0, breached: 0, pending: 0, share: null }, acknowledge: null, resolve: null },
    ]);
    expect(health.byKind).toEqual([
      { kind: 'incident', arrived: 3, resolved: 2 },
      { kind: 'defect', arrived: 0, resolved: 1 },
      { kind: null, arrived: 1, resolved: 0 },
    ]);
    expect(health.compliance).toEqual({ met: 2, breached: 1, pending: 0, share: 2 / 3 });
  });

  it('says nothing arrived when nothing did: zeros and no shares', () => {
    expect(periodHealth(sprint, [], NOW)).toEqual({ period: sprint, arrived: 0, resolved: 0, bySeverity: [], byKind: [], compliance: { met: 0, breached: 0, pending: 0, share: null } });
  });

  it('counts an issue returned by two searches once', () => {
    const health = periodHealth(sprint, [records[0] as SupportRecord, records[0] as SupportRecord], NOW);
    expect(health.arrived).toBe(1);
  });

  it('counts the start instant in the period and the end instant in the next', () => {
    const edges = [record({ key: 'S', createdAt: sprint.start }), record({ key: 'E', createdAt: sprint.end })];
    expect(periodHealth(sprint, edges, NOW).arrived).toBe(1);
  });
});

describe('overallCompliance', () => {
  it('counts an issue once when two sprints overlap (parallel sprints), and leaves out issues outside every period', () => {
    const parallel: HealthPeriod = { name: 'Sprint 7b', start: at(2, 9), end: at(9, 9), state: 'closed' };
    const records = [
      record({ key: 'A', guideline: critical(at(3, 10, 30)) }),
      record({ key: 'B', guideline: critical(null) }),
      record({ key: 'C', createdAt: at(20, 9), guideline: { decisionAt: at(20, 9), dueAt: at(20, 10), firstResponseAt: null } }),
    ];
    expect(overallCompliance([sprint, parallel], records, NOW)).toEqual({ met: 1, breached: 1, pending: 0, share: 0.5 });
    expect(overallCompliance([], records, NOW)).toEqual({ met: 0, breached: 0, pending: 0, share: null });
  });
});

describe('lastWeeks', () => {
  it('gives ISO weeks, Monday to Monday UTC, oldest first, ending with the current one', () => {
    // Fri 20 Nov 2026 is in ISO week 47 (Mon 16 Nov – Mon 23 Nov).
    expect(lastWeeks(NOW, 3)).toEqual([
      { name: 'Week 45', start: at(2, 0), end: at(9, 0), state: 'week' },
      { name: 'Week 46', start: at(9, 0), end: at(16, 0), state: 'week' },
      { name: 'Week 47', start: at(16, 0), end: at(23, 0), state: 'week' },
    ]);
  });

  it.each([
    ['2026-01-01T00:00:00.000Z', 2026, 1], // Thursday: week 1 of 2026
    ['2027-01-01T00:00:00.000Z', 2026, 53], // Friday: 2026 has 53 weeks
    ['2024-12-30T00:00:00.000Z', 2025, 1], // Monday of the week holding 2 Jan 2025
  ])('numbers the week holding %s as %i-W%i', (day, year, week) => {
    const monday = Date.parse(lastWeeks(day, 1)[0]?.start ?? '');
    expect(isoWeekNumber(monday)).toEqual({ year, week });
  });
});
