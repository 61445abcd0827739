/**
 * The planning aid: how much feature work to plan for the next sprint, from what the team
 * completed (not what it committed: carried-over work would count in every sprint it visited), by
 * the two methods scrum masters publish:
 *  - each production support item already in the plan costs capacity, learned from the last
 *    sprints ("we did 60 points with four defects in the plan; this one has two, so plan 65–70");
 *  - the on-call person is away for the share of the sprint they are on call.
 * Gives a range, not one number. Pure.
 */
import type { CapacityMeasure, SprintShare } from './capacity';

export interface PlannedSprint {
  readonly share: SprintShare;
  /** People who worked in the sprint (the team as the gadget defines it), at least 1. */
  readonly teamSize: number;
  /** Person-sprints away on call: the sum of each on-call person's share of the sprint. */
  readonly onCallAway: number;
}

export interface PlanTarget {
  /** The sprint being planned, when Jira has one (a future sprint); null = "the next sprint". */
  readonly name: string | null;
  /** Support items already in its plan; null when there is no planned sprint to look in. */
  readonly supportItemsPlanned: number | null;
  readonly teamSize: number;
  /** Who is on call during it, and for what share of it. */
  readonly onCall: ReadonlyArray<{ readonly name: string; readonly share: number }>;
}

export interface PlanningAid {
  readonly measure: CapacityMeasure;
  /** How many closed sprints the figures come from. */
  readonly sprints: number;
  /** Per closed sprint, oldest first: committed and completed (null for time), and support items in the plan. */
  readonly history: ReadonlyArray<{
    readonly name: string;
    readonly committed: number | null;
    readonly completed: number | null;
    readonly feature: number;
    readonly supportItemsPlanned: number;
    readonly share: number | null;
  }>;
  readonly averageCommitted: number | null;
  readonly averageCompleted: number | null;
  /** Average share of support work over those sprints (both queues). */
  readonly averageShare: number | null;
  /** What one support item in the plan cost, in the measure's unit; null when the sprints cannot tell. */
  readonly perSupportItem: number | null;
  readonly target: PlanTarget & { readonly assumedSupportItems: number };
  /** Feature work to plan, in the measure's unit, rounded to what people plan in; null without history. */
  readonly range: { readonly low: number; readonly likely: number; readonly high: number } | null;
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Feature work a sprint delivered: completed non-support work (points, issues), or non-support time logged. */
const featureOf = (share: SprintShare): number =>
  share.measure === 'time' ? share.planned.total - share.planned.support : (share.velocity.completedFeature ?? 0);

/**
 * The cost of one support item in the plan: how much less feature work the team completed per item,
 * the least-squares slope over the sprints. Needs two sprints with different numbers of items; never
 * negative (more support never frees capacity), and never more than a sprint's feature work per item.
 */
export const supportItemCost = (points: ReadonlyArray<{ readonly items: number; readonly feature: number }>): number | null => {
  if (points.length < 2) return null;
  const items = mean(points.map((point) => point.items));
  const feature = mean(points.map((point) => point.feature));
  const spread = points.reduce((sum, point) => sum + (point.items - items) ** 2, 0);
  if (spread === 0) return null;
  const slope = points.reduce((sum, point) => sum + (point.items - items) * (point.feature - feature), 0) / spread;
  const ceiling = feature / Math.max(1, ...points.map((point) => point.items));
  return Math.min(Math.max(0, -slope), ceiling);
};

/** Rounded as people plan: whole points and issues; time to the whole hour (in seconds). */
const rounded = (value: number, measure: CapacityMeasure): number => {
  const positive = Math.max(0, value);
  return measure === 'time' ? Math.round(positive / 3600) * 3600 : Math.round(positive);
};

export const planSprint = (closed: readonly PlannedSprint[], measure: CapacityMeasure, target: PlanTarget): PlanningAid => {
  const measured = closed.filter((sprint) => sprint.share.total > 0);
  const history = measured.map(({ share }) => ({
    name: share.sprint.name,
    committed: share.velocity.committed,
    completed: share.velocity.completed,
    feature: featureOf(share),
    supportItemsPlanned: share.velocity.supportItemsPlanned,
    share: share.share,
  }));
  const averageItems = history.length === 0 ? 0 : Math.round(mean(history.map((sprint) => sprint.supportItemsPlanned)));
  const assumedSupportItems = target.supportItemsPlanned ?? averageItems;
  const base = { measure, sprints: history.length, history, target: { ...target, assumedSupportItems } };
  if (history.length === 0) return { ...base, averageCommitted: null, averageCompleted: null, averageShare: null, perSupportItem: null, range: null };

  const perSupportItem = supportItemCost(history.map((sprint) => ({ items: sprint.supportItemsPlanned, feature: sprint.feature })));
  const cost = perSupportItem ?? 0;
  // What each available person delivered with the support items taken out, sprint by sprint.
  const perPerson = measured.map((sprint, index) => {
    const available = Math.max(0.5, sprint.teamSize - sprint.onCallAway);
    return ((history[index]?.feature ?? 0) + cost * sprint.share.velocity.supportItemsPlanned) / available;
  });
  const available = Math.max(0.5, target.teamSize - target.onCall.reduce((sum, person) => sum + person.share, 0));
  const plan = (capacity: number): number => rounded(capacity * available - cost * assumedSupportItems, measure);
  const averageOf = (values: ReadonlyArray<number | null>): number | null => {
    const known = values.filter((value): value is number => value !== null);
    return known.length === 0 ? null : mean(known);
  };
  return {
    ...base,
    averageCommitted: averageOf(history.map((sprint) => sprint.committed)),
    averageCompleted: averageOf(history.map((sprint) => sprint.completed)),
    averageShare: averageOf(history.map((sprint) => sprint.share)),
    perSupportItem,
    range: { low: plan(Math.min(...perPerson)), likely: plan(mean(perPerson)), high: plan(Math.max(...perPerson)) },
  };
};
