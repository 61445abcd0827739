import { describe, expect, it } from 'vitest';

import type { SprintShare } from './capacity';
import { planSprint, supportItemCost, type PlannedSprint, type PlanTarget } from './planning';

/** A closed sprint in points: `feature` points of feature work completed with `items` support items in the plan. */
const sprint = (name: string, feature: number, items: number, committed: number, extra: Partial<PlannedSprint> = {}): PlannedSprint => ({
  teamSize: 5,
  onCallAway: 0,
  ...extra,
  share: {
    sprint: { id: 1, name, start: '2026-10-01T00:00:00.000Z', end: '2026-10-15T00:00:00.000Z', state: 'closed' },
    measure: 'points',
    planned: { support: items * 3, total: committed },
    unplanned: { support: 0 },
    support: items * 3,
    total: committed,
    share: (items * 3) / committed,
    bySeverity: {},
    byKind: {},
    counted: [],
    people: [],
    velocity: { committed, completed: feature + items * 3, completedFeature: feature, supportItemsPlanned: items },
    notes: [],
  } satisfies SprintShare,
});

const target = (overrides: Partial<PlanTarget> = {}): PlanTarget => ({ name: 'Sprint 7', supportItemsPlanned: 2, teamSize: 5, onCall: [], ...overrides });

describe('supportItemCost', () => {
  it.each([
    { points: [{ items: 4, feature: 60 }, { items: 2, feature: 70 }, { items: 6, feature: 50 }], cost: 5 },
    // More support and more feature work: support did not cost anything the sprints can see.
    { points: [{ items: 1, feature: 40 }, { items: 3, feature: 60 }], cost: 0 },
    // Every sprint had the same number of items: the sprints cannot tell.
    { points: [{ items: 2, feature: 40 }, { items: 2, feature: 60 }], cost: null },
    { points: [{ items: 2, feature: 40 }], cost: null },
    // Never more than a sprint's feature work per item.
    { points: [{ items: 0, feature: 100 }, { items: 1, feature: 0 }], cost: 50 },
  ])('learns $cost from $points', ({ points, cost }) => {
    expect(supportItemCost(points)).toBe(cost);
  });
});

describe('planSprint', () => {
  const history = [sprint('Sprint 4', 60, 4, 110), sprint('Sprint 5', 70, 2, 120), sprint('Sprint 6', 50, 6, 100)];

  it('plans from completed work, with the support items already in the plan: "60 with four defects; this one has two, so plan 70"', () => {
    const plan = planSprint(history, 'points', target());

    expect(plan.perSupportItem).toBe(5);
    expect(plan.averageCompleted).toBeCloseTo((72 + 76 + 68) / 3);
    expect(plan.averageCommitted).toBe(110);
    expect(plan.range).toEqual({ low: 70, likely: 70, high: 70 });
  });

  it('gives a range from how the sprints varied', () => {
    const plan = planSprint([sprint('Sprint 4', 60, 4, 110), sprint('Sprint 5', 80, 2, 120), sprint('Sprint 6', 50, 6, 100)], 'points', target({ supportItemsPlanned: 4 }));

    expect(plan.range?.low).toBeLessThan(plan.range?.likely ?? 0);
    expect(plan.range?.likely).toBeLessThan(plan.range?.high ?? 0);
  });

  it('treats the on-call person as away for their share of the sprint', () => {
    const withOnCall = history.map((entry) => ({ ...entry, onCallAway: 1 }));

    expect(planSprint(withOnCall, 'points', target({ onCall: [{ name: 'Devon Park', share: 1 }] })).range).toEqual({ low: 70, likely: 70, high: 70 });
    // On call for half the sprint: half a person more is available than in the sprints before.
    expect(planSprint(withOnCall, 'points', target({ onCall: [{ name: 'Devon Park', share: 0.5 }] })).range).toEqual({ low: 80, likely: 80, high: 80 });
  });

  it('assumes the average number of support items when no sprint is planned yet', () => {
    const plan = planSprint(history, 'points', target({ name: null, supportItemsPlanned: null }));

    expect(plan.target.assumedSupportItems).toBe(4);
    expect(plan.range?.likely).toBe(60);
  });

  it('rounds to whole points, never below zero, and has no range without history', () => {
    expect(planSprint(history, 'points', target({ supportItemsPlanned: 40 })).range).toEqual({ low: 0, likely: 0, high: 0 });
    expect(planSprint([], 'points', target()).range).toBeNull();
  });
});
