import { describe, expect, it } from 'vitest';

import { DEFAULT_POLICY } from './presets';
import { addMonths, reviewFacts, reviewSchedule, reviewSentences, type ReviewedIssue } from './process-review';

const setting = { firstAfterMonths: 2, everyMonths: 3 };

describe('reviewSchedule', () => {
  it('is due two months after the first save, then every quarter', () => {
    expect(reviewSchedule('2026-01-15T09:00:00.000Z', setting, '2026-03-14T23:59:00.000Z')).toEqual({ due: null, periodStart: '2026-01-15T09:00:00.000Z', next: '2026-03-15T09:00:00.000Z' });
    expect(reviewSchedule('2026-01-15T09:00:00.000Z', setting, '2026-03-15T09:00:00.000Z')).toEqual({ due: '2026-03-15T09:00:00.000Z', periodStart: '2026-01-15T09:00:00.000Z', next: '2026-06-15T09:00:00.000Z' });
    expect(reviewSchedule('2026-01-15T09:00:00.000Z', setting, '2026-07-01T00:00:00.000Z')).toEqual({ due: '2026-06-15T09:00:00.000Z', periodStart: '2026-03-15T09:00:00.000Z', next: '2026-09-15T09:00:00.000Z' });
  });

  it('keeps a month-end anchor to the end of shorter months', () => {
    expect(addMonths('2026-01-31T10:00:00.000Z', 1)).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths('2027-12-31T10:00:00.000Z', 2)).toBe('2028-02-29T10:00:00.000Z');
  });

  it('files one review, the latest, for a setting switched on long after the first save', () => {
    const { due, next } = reviewSchedule('2020-01-01T00:00:00.000Z', { firstAfterMonths: 1, everyMonths: 1 }, '2026-12-01T00:00:00.000Z');
    expect(due).toBe('2026-12-01T00:00:00.000Z');
    expect(next).toBe('2027-01-01T00:00:00.000Z');
  });
});

const issue = (overrides: Partial<ReviewedIssue>): ReviewedIssue => ({
  key: 'SHOP-1',
  level: 'critical',
  decidedAt: '2026-03-02T10:00:00.000Z',
  decidedToTopAt: undefined,
  responseDueAt: '2026-03-02T10:15:00.000Z',
  firstResponseAt: '2026-03-02T10:10:00.000Z',
  resolvedAt: null,
  waitingSeconds: 0,
  updatesLate: 0,
  ...overrides,
});
const period = { start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' };
const NOW = '2026-04-01T00:00:00.000Z';

describe('reviewFacts', () => {
  it('counts decisions per level, guideline dates met and missed (waiting left out), and levels never used', () => {
    const facts = reviewFacts(
      DEFAULT_POLICY.levels,
      [
        issue({ key: 'SHOP-1' }),
        issue({ key: 'SHOP-2', firstResponseAt: '2026-03-02T11:00:00.000Z' }),
        // Late by the clock, but 50 minutes of it waiting for the reporter: met.
        issue({ key: 'SHOP-3', firstResponseAt: '2026-03-02T11:00:00.000Z', waitingSeconds: 3000 }),
        // Resolved before anyone commented: the resolution answers.
        issue({ key: 'SHOP-4', level: 'major', firstResponseAt: null, resolvedAt: '2026-03-02T10:05:00.000Z', responseDueAt: '2026-03-02T11:00:00.000Z' }),
        // Decided before the period: not this review's.
        issue({ key: 'SHOP-5', decidedAt: '2026-02-27T10:00:00.000Z' }),
      ],
      [],
      period,
      NOW,
    );

    expect(facts.levels.map(({ name, decided, met, missed }) => [name, decided, met, missed])).toEqual([
      ['Critical', 3, 2, 1],
      ['Major', 1, 1, 0],
      ['Medium', 0, 0, 0],
      ['Minor', 0, 0, 0],
    ]);
    expect(facts.neverUsed).toEqual(['Medium', 'Minor']);
    expect(facts.missingTargets).toEqual([{ name: 'Critical', share: 2 / 3 }]);
  });

  it('finds weeks over the weekly budget, the items most often missing at a send-back, and late updates', () => {
    const levels = DEFAULT_POLICY.levels.map((level, index) => (index === 0 ? { ...level, weeklyBudget: 1 } : level));
    const tops = ['2026-03-02T10:00:00.000Z', '2026-03-03T10:00:00.000Z', '2026-03-10T10:00:00.000Z'].map((at, n) => issue({ key: `SHOP-${String(n + 10)}`, decidedAt: at, decidedToTopAt: at, updatesLate: n === 0 ? 2 : 0 }));
    const facts = reviewFacts(
      levels,
      tops,
      [
        { sentAt: '2026-03-04T10:00:00.000Z', missing: ['Steps to reproduce', 'Environment', 'Environment'] },
        { sentAt: '2026-03-05T10:00:00.000Z', missing: ['Steps to reproduce'] },
        { sentAt: '2026-02-05T10:00:00.000Z', missing: ['Customers'] },
      ],
      period,
      NOW,
    );

    expect(facts.budgetOverruns).toEqual([{ weekStart: '2026-03-02T00:00:00.000Z', decisions: 2, budget: 1 }]);
    expect(facts.mostMissing).toEqual([
      { item: 'Steps to reproduce', times: 2 },
      { item: 'Environment', times: 1 },
    ]);
    expect([facts.updatesLate, facts.issuesWithLateUpdates]).toEqual([2, 1]);
  });

  it('says plainly when a period had nothing to discuss', () => {
    const sentences = reviewSentences(reviewFacts(DEFAULT_POLICY.levels, [], [], period, NOW), 'most severe first');

    expect(sentences).toContain('No severity was decided in this period.');
    expect(sentences).toContain('No issue was sent back to its reporter for missing information.');
    expect(sentences).toContain('No stakeholder update went past its due time.');
    expect(sentences[0]).toContain('2026-03-01 to 2026-04-01 (UTC)');
  });
});
