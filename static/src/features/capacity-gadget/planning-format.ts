/**
 * The planning aid and the two queues in words: what the team completed (beside what it committed),
 * what a support item in the plan costs, who is away on call, and the range to plan. Pure; numbers
 * come from `capacity/compute` in the measure's unit, words are made here.
 */
import type { CapacityView } from '@contract/capacity.contract';

import type { CapacityMeasureId } from '../../shared/capacity';
import { formatMeasureValue, formatPlanRange, formatPlanValue, formatShare } from './capacity-format';

type Planning = CapacityView['planning'];
type Sprint = NonNullable<CapacityView['sprint']>;

/** "a, b and c" in English, whatever the locale of the numbers. */
export const listInWords = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;

const number = (value: number, locale: string | undefined): string => new Intl.NumberFormat(locale ?? 'en-US', { maximumFractionDigits: 0 }).format(value);

const items = (count: number, locale: string | undefined): string => `${number(count, locale)} production support item${count === 1 ? '' : 's'}`;

/**
 * "Completed 70, 41 and 51 points in the last 3 sprints (committed 120, 98 and 116)." For time,
 * what was logged on feature work.
 */
export function formatVelocity(planning: Planning, measure: CapacityMeasureId, locale?: string): string | null {
  const { history } = planning;
  if (history.length === 0) return null;
  const last = history.length === 1 ? 'the last sprint' : `the last ${number(history.length, locale)} sprints`;
  if (measure === 'time') return `Feature work logged in ${last}: ${listInWords(history.map((sprint) => formatMeasureValue(sprint.feature, measure, locale)))}.`;
  const values = (pick: (sprint: Planning['history'][number]) => number | null): string => listInWords(history.map((sprint) => number(pick(sprint) ?? 0, locale)));
  const unit = measure === 'points' ? 'points' : 'issues';
  return `Completed ${values((sprint) => sprint.completed)} ${unit} in ${last} (committed ${values((sprint) => sprint.committed)}).`;
}

/** "Each production support item in a sprint's plan cost about 4 points." */
export function formatItemCost(planning: Planning, measure: CapacityMeasureId, locale?: string): string | null {
  if (planning.history.length === 0) return null;
  if (planning.perSupportItem === null) {
    return planning.history.length < 2
      ? 'After one more sprint the aid can tell what a support item in the plan costs.'
      : 'The last sprints had the same number of support items in their plans, so they cannot tell what one costs yet.';
  }
  if (planning.perSupportItem <= 0) return 'In the last sprints, more production support items in the plan did not mean less feature work, so the plan takes nothing off for them.';
  return `Each production support item in a sprint’s plan cost about ${formatMeasureValue(planning.perSupportItem, measure, locale)} of feature work.`;
}

const percent = (share: number, locale?: string): string => formatShare(share, locale);

/** "Devon Park is on call for all of it" / "Devon Park (50%) and Rita Chen (50%) are on call during it". */
const onCallWords = (onCall: Planning['target']['onCall'], locale: string | undefined): string | null => {
  const people = onCall.filter((person) => person.share > 0);
  if (people.length === 0) return null;
  if (people.length === 1 && people[0] !== undefined) {
    const [person] = people;
    return `${person.name} is on call for ${person.share >= 0.995 ? 'all' : percent(person.share, locale)} of it and counted as away`;
  }
  return `${listInWords(people.map((person) => `${person.name} (${percent(person.share, locale)})`))} are on call during it and counted as away for that share`;
};

/** "SHOP Sprint 7 has 2 production support items in its plan and Devon Park is on call for 50% of it: plan 48–62 points of feature work (about 55)." */
export function formatPlan(planning: Planning, measure: CapacityMeasureId, locale?: string): string {
  const { range, target } = planning;
  if (range === null) return 'No closed sprint with figures yet: the planning aid appears after the first one.';
  const sprint =
    target.name === null
      ? `No sprint is planned yet: assuming ${items(target.assumedSupportItems, locale)}, as on average`
      : `${target.name} has ${items(target.supportItemsPlanned ?? target.assumedSupportItems, locale)} in its plan`;
  const away = onCallWords(target.onCall, locale);
  const amount = range.low === range.high ? formatPlanValue(range.likely, measure, locale) : formatPlanRange(range.low, range.high, measure, locale);
  const likely = range.low === range.high ? '' : ` (about ${formatPlanValue(range.likely, measure, locale)})`;
  return `${sprint}${away === null ? '' : ` and ${away}`}: plan ${amount} of feature work${likely}.`;
}

/** "12 h of 80 h in the sprint" / "3 of 20 points in the sprint". */
export function formatPlannedQueue(sprint: Sprint, measure: CapacityMeasureId, locale?: string): string {
  return `${formatMeasureValue(sprint.planned.support, measure, locale)} of ${formatMeasureValue(sprint.planned.total, measure, locale)}`;
}

/**
 * What "the team" is for the unplanned queue: "Devon Park, Rita Chen and 3 others: the people who
 * logged work on the sprint's issues" or "the 6 members of the Jira group sre-oncall".
 */
export function formatTeam(team: Sprint['team']): string {
  const shown = team.members.slice(0, 3);
  const others = team.members.length - shown.length;
  const names = others > 0 ? `${shown.join(', ')} and ${String(others)} other${others === 1 ? '' : 's'}` : listInWords(shown);
  if (team.source === 'group') return `the members of the Jira group ${team.groupName ?? ''}${names === '' ? '' : ` (${names})`}`;
  return names === '' ? 'nobody yet: nobody logged work on the sprint’s issues' : `${names}: the people who logged work on the sprint’s issues`;
}
