import type { PolicyView } from '@contract/policy.contract';

import type { WeeklyBudget } from '../../shared/severity-policy';
import { isoToLocal, localToIso } from '../../shared/zoned-time';
import { type PolicyAction, type PolicyState, reducePolicyWith } from '../../shared/policy-editor/policy-editor.state';

/** The severity policy page's state machine: load, edit the draft, save. The hook only performs the calls. */
export const POLICY_COPY = {
  loading: 'Loading the severity policy…',
  readOnly: 'Only Jira admins can change the severity policy.',
  conflict: 'Someone else saved the severity policy while you were editing. Loading their version to put your changes on top…',
  /** What was saved, in the sentence shown once their version is back. */
  subject: 'the severity policy',
  saved: 'Severity policy saved',
} as const;

export function reducePolicy(state: PolicyState, action: PolicyAction): PolicyState {
  return reducePolicyWith(POLICY_COPY, state, action);
}

/** Shared with the capacity gadget, which shows the same budget. */
export { budgetSentence } from '../../shared/severity-policy';

/** "Firebreak's default (not saved yet)" or "Saved policy, version 3". */
export function sourceSentence(view: Pick<PolicyView, 'source' | 'version'>): string {
  switch (view.source) {
    case 'default':
      return 'Firebreak’s default policy: nothing is saved for this site yet.';
    case 'site':
      return `The site’s saved policy, version ${String(view.version)}.`;
    case 'project':
      return `This project’s own policy, version ${String(view.version)}.`;
  }
}

/**
 * The first day of the week where the viewer lives (1 = Monday … 7 = Sunday), from the browser's
 * locale data where it has it (`Intl.Locale` week info), else Monday as ISO 8601 has it.
 * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Intl/Locale/getWeekInfo
 */
export function firstDayOfWeek(locale: string | undefined): number {
  try {
    const info = new Intl.Locale(locale ?? 'en-US') as unknown as { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const day = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    return day !== undefined && day >= 1 && day <= 7 ? day : 1;
  } catch {
    return 1;
  }
}

/** The instant this calendar week began in `timeZone` (midnight of its first day). */
export function weekStart(now: Date, timeZone: string, firstDay: number): string {
  const today = isoToLocal(now.toISOString(), timeZone).slice(0, 10);
  const [year = 1970, month = 1, day = 1] = today.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
  const start = new Date(Date.UTC(year, month - 1, day - ((weekday - firstDay + 7) % 7)));
  return localToIso(`${start.toISOString().slice(0, 10)}T00:00`, timeZone) ?? start.toISOString();
}

/**
 * "Critical this week" counted in the viewer's own calendar week, from when each issue was decided
 * to the top level (the backend's count is of the UTC week, from Monday).
 */
export function budgetThisWeek(budget: PolicyView['budget'], now: Date, timeZone: string | undefined, locale: string | undefined): WeeklyBudget | null {
  if (budget === null) return null;
  if (budget.decidedAt === undefined) return budget;
  const since = Date.parse(weekStart(now, timeZone ?? 'UTC', firstDayOfWeek(locale)));
  const used = budget.decidedAt.filter((at) => Date.parse(at) >= since).length;
  return { levelName: budget.levelName, used, budget: budget.budget, exceeded: used > budget.budget };
}

/** Who made a change, by name: Jira's display name for them, or a neutral word when Jira would not say. */
export const changedBy = (view: Pick<PolicyView, 'names'>, accountId: string): string => view.names[accountId] ?? 'someone Jira does not name to you';
