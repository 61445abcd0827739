/**
 * Reviewing the production support process itself (issue 16, part 5): when a review is due, and
 * what a review needs to know about the period since the last one. Pure: the caller brings the
 * setting, the moments, the app's own records of the period and the policy.
 */
import type { PolicyLevel } from '../../contract/policy.contract';

/** When the process is reviewed: first some months after the policy was first saved, then every few months. */
export interface ProcessReviewSetting {
  readonly firstAfterMonths: number;
  readonly everyMonths: number;
}

/** `at` plus whole calendar months in UTC, kept to the month's last day (31 Jan + 1 month = 28 Feb). */
export const addMonths = (at: string, months: number): string => {
  const date = new Date(at);
  const day = date.getUTCDate();
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString();
};

/** The review dates from `anchor` on: the first after `firstAfterMonths`, then every `everyMonths`. */
const reviewDate = (anchor: string, setting: ProcessReviewSetting, index: number): string => addMonths(anchor, setting.firstAfterMonths + index * setting.everyMonths);

/** Reviews far enough back are not filed late: a setting switched on years after the first save files one review, not dozens. */
const MAX_REVIEWS_WALKED = 600;

/**
 * The latest review date on or before `now` (the one a review is due for), with the one before it
 * (where its period starts; the anchor for the first), and the next one; `due` is null before the first.
 */
export const reviewSchedule = (anchor: string, setting: ProcessReviewSetting, now: string): { readonly due: string | null; readonly periodStart: string; readonly next: string } => {
  let index = 0;
  while (index < MAX_REVIEWS_WALKED && Date.parse(reviewDate(anchor, setting, index)) <= Date.parse(now)) index += 1;
  const due = index === 0 ? null : reviewDate(anchor, setting, index - 1);
  return { due, periodStart: index <= 1 ? anchor : reviewDate(anchor, setting, index - 2), next: reviewDate(anchor, setting, index) };
};

/** One decided issue of the period, as the app recorded it. */
export interface ReviewedIssue {
  readonly key: string;
  /** The decided level (the last decision) and when it was decided. */
  readonly level: string;
  readonly decidedAt: string;
  /** When the decision to the top level was first made in a run of such decisions (the weekly budget's count), if it is the top level. */
  readonly decidedToTopAt: string | undefined;
  /** The first response's guideline date and when the first response came (null: none yet). */
  readonly responseDueAt: string | null;
  readonly firstResponseAt: string | null;
  /** When the issue was resolved, if it was: a resolution answers too. */
  readonly resolvedAt: string | null;
  /** Seconds waited for the reporter before the first response (left out of the target). */
  readonly waitingSeconds: number;
  /** Update due times that passed without an update (a reminder was sent for each). */
  readonly updatesLate: number;
}

/** One send-back of the period: what the Definition of Ready found missing. */
export interface ReviewedSendBack {
  readonly sentAt: string;
  readonly missing: readonly string[];
}

export interface LevelReview {
  readonly id: string;
  readonly name: string;
  readonly decided: number;
  /** First responses (or resolutions) by the guideline date, waiting for the reporter left out. */
  readonly met: number;
  /** Given late, or none yet with the date passed. */
  readonly missed: number;
}

export interface ProcessReviewFacts {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly levels: readonly LevelReview[];
  readonly neverUsed: readonly string[];
  /** Levels under the aim (95 % of guideline dates met), with their share met. */
  readonly missingTargets: ReadonlyArray<{ readonly name: string; readonly share: number }>;
  /** Weeks (their Monday, UTC) whose decisions to the top level went over its weekly budget. */
  readonly budgetOverruns: ReadonlyArray<{ readonly weekStart: string; readonly decisions: number; readonly budget: number }>;
  /** Definition of Ready items most often missing when an issue was sent back, most first (at most 5). */
  readonly mostMissing: ReadonlyArray<{ readonly item: string; readonly times: number }>;
  readonly updatesLate: number;
  readonly issuesWithLateUpdates: number;
}

/** The share of guideline dates met that good teams report; below it, a level "misses its target". */
export const REVIEW_COMPLIANCE_AIM = 0.95;

const within = (at: string, start: string, end: string): boolean => Date.parse(at) >= Date.parse(start) && Date.parse(at) < Date.parse(end);

const utcMonday = (at: string): string => {
  const date = new Date(at);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return new Date(midnight - ((date.getUTCDay() + 6) % 7) * 86_400_000).toISOString();
};

/** Whether a first response (or the resolution) came by the guideline date, time waiting left out; null while neither is due. */
const guidelineMet = (issue: ReviewedIssue, now: string): boolean | null => {
  if (issue.responseDueAt === null) return null;
  const due = Date.parse(issue.responseDueAt) + issue.waitingSeconds * 1000;
  const answered = [issue.firstResponseAt, issue.resolvedAt].filter((at): at is string => at !== null).map(Date.parse);
  const first = answered.length === 0 ? null : Math.min(...answered);
  if (first !== null) return first <= due;
  return Date.parse(now) > due ? false : null;
};

/**
 * What a review of the period [periodStart, periodEnd) needs: per level, decisions and guideline
 * dates met or missed; levels never used; levels under the 95 % aim; weeks over the top level's
 * weekly budget; the Definition of Ready items most often missing at a send-back; updates late.
 */
export const reviewFacts = (
  levels: readonly PolicyLevel[],
  issues: readonly ReviewedIssue[],
  sendBacks: readonly ReviewedSendBack[],
  period: { readonly start: string; readonly end: string },
  now: string,
): ProcessReviewFacts => {
  const decided = issues.filter((issue) => within(issue.decidedAt, period.start, period.end));
  const perLevel = levels.map((level): LevelReview => {
    const mine = decided.filter((issue) => issue.level === level.id);
    const judged = mine.map((issue) => guidelineMet(issue, now));
    return { id: level.id, name: level.name, decided: mine.length, met: judged.filter((met) => met === true).length, missed: judged.filter((met) => met === false).length };
  });
  const top = levels[0];
  const weeks = new Map<string, number>();
  if (top?.weeklyBudget != null) {
    for (const issue of issues) {
      if (issue.decidedToTopAt !== undefined && within(issue.decidedToTopAt, period.start, period.end)) {
        const week = utcMonday(issue.decidedToTopAt);
        weeks.set(week, (weeks.get(week) ?? 0) + 1);
      }
    }
  }
  const missing = new Map<string, number>();
  for (const sendBack of sendBacks) if (within(sendBack.sentAt, period.start, period.end)) for (const item of new Set(sendBack.missing)) missing.set(item, (missing.get(item) ?? 0) + 1);
  const late = decided.filter((issue) => issue.updatesLate > 0);
  return {
    periodStart: period.start,
    periodEnd: period.end,
    levels: perLevel,
    neverUsed: perLevel.filter((level) => level.decided === 0).map((level) => level.name),
    missingTargets: perLevel
      .filter((level) => level.met + level.missed > 0 && level.met / (level.met + level.missed) < REVIEW_COMPLIANCE_AIM)
      .map((level) => ({ name: level.name, share: level.met / (level.met + level.missed) })),
    budgetOverruns: [...weeks]
      .filter(([, count]) => top?.weeklyBudget != null && count > top.weeklyBudget)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([weekStart, count]) => ({ weekStart, decisions: count, budget: top?.weeklyBudget ?? 0 })),
    mostMissing: [...missing]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, 5)
      .map(([item, times]) => ({ item, times })),
    updatesLate: late.reduce((sum, issue) => sum + issue.updatesLate, 0),
    issuesWithLateUpdates: late.length,
  };
};

const day = (at: string): string => at.slice(0, 10);
const percent = (share: number): string => `${String(Math.floor(share * 100))} %`;
const times = (count: number): string => (count === 1 ? 'once' : `${String(count)} times`);

/**
 * The review task's description, as plain paragraphs (the caller turns them into ADF): what the
 * period was, then one paragraph per question a review asks, each saying plainly when there is
 * nothing to discuss. Dates are UTC days: the task is read by many people in many zones.
 */
export const reviewSentences = (facts: ProcessReviewFacts, levelOrder: string): string[] => {
  const used = facts.levels.filter((level) => level.decided > 0);
  return [
    `Firebreak's scheduled review of the production support process, for ${day(facts.periodStart)} to ${day(facts.periodEnd)} (UTC). The figures come from Firebreak's own records of the severity decisions, send-backs and update reminders in this project.`,
    used.length === 0
      ? 'No severity was decided in this period.'
      : `Decisions by level (${levelOrder}): ${facts.levels.map((level) => `${level.name} ${String(level.decided)}`).join(', ')}.`,
    facts.neverUsed.length === 0 ? 'Every level was used.' : `Levels never used: ${facts.neverUsed.join(', ')}. Are they needed, or defined so nobody recognises them?`,
    facts.missingTargets.length === 0
      ? `Every level that was used met at least ${percent(REVIEW_COMPLIANCE_AIM)} of its first response guideline dates (time waiting for the reporter left out).`
      : `Levels under the ${percent(REVIEW_COMPLIANCE_AIM)} aim for first responses by their guideline date: ${facts.missingTargets.map((level) => `${level.name} (${percent(level.share)} met)`).join(', ')}. Is the target realistic, or does the team need help on call?`,
    facts.budgetOverruns.length === 0
      ? 'No week went over the top level’s weekly budget.'
      : `Weeks over the top level’s weekly budget: ${facts.budgetOverruns.map((week) => `week of ${day(week.weekStart)} (${String(week.decisions)} of ${String(week.budget)})`).join(', ')}. Should quality work take precedence for a while?`,
    facts.mostMissing.length === 0
      ? 'No issue was sent back to its reporter for missing information.'
      : `Definition of Ready items most often missing when issues were sent back: ${facts.mostMissing.map((entry) => `${entry.item} (${times(entry.times)})`).join('; ')}. Could the reporting template ask for them better?`,
    facts.updatesLate === 0
      ? 'No stakeholder update went past its due time.'
      : `Stakeholder updates sent late: ${String(facts.updatesLate)} due time${facts.updatesLate === 1 ? '' : 's'} passed without an update, on ${String(facts.issuesWithLateUpdates)} issue${facts.issuesWithLateUpdates === 1 ? '' : 's'}.`,
  ];
};
