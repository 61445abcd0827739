/**
 * How Firebreak words a duration, at both ends: the backend's sentences (a policy change in the
 * history, the comment a severity decision posts in Jira) and the UI (the policy form's units, how
 * long an issue has waited). Whole words rather than "h" and "min": the sentences land in Jira
 * comments and screen readers, where abbreviations read worse. Zod-free and pure, so the UI imports
 * it at run time.
 */

export type DurationUnit = 'minutes' | 'hours' | 'days';

/** Smallest first, the order the policy form offers them. */
export const DURATION_UNITS: readonly DurationUnit[] = ['minutes', 'hours', 'days'];

export const MINUTES_PER: Readonly<Record<DurationUnit, number>> = { minutes: 1, hours: 60, days: 24 * 60 };

const SINGULAR: Readonly<Record<DurationUnit, string>> = { minutes: 'minute', hours: 'hour', days: 'day' };

/** Minutes in the largest unit that divides them evenly: 1440 → 1 day, 90 → 90 minutes. */
export function evenDurationOf(minutes: number): { readonly amount: number; readonly unit: DurationUnit } {
  const unit = minutes % MINUTES_PER.days === 0 ? 'days' : minutes % MINUTES_PER.hours === 0 ? 'hours' : 'minutes';
  return { amount: minutes / MINUTES_PER[unit], unit };
}

/** "1 minute", "2 hours". */
export const wordAmount = (amount: number, unit: DurationUnit): string => `${String(amount)} ${amount === 1 ? SINGULAR[unit] : unit}`;

/** A policy's duration, exactly: "30 minutes", "2 hours", "1 day", "90 minutes". */
export function wordMinutes(minutes: number): string {
  const { amount, unit } = evenDurationOf(minutes);
  return wordAmount(amount, unit);
}

/**
 * A time waited, in the two largest units that matter: "2 hours 10 minutes", "3 days 4 hours",
 * "45 minutes", "less than a minute". Response targets are counted in hours, so seconds are never shown.
 */
export function wordElapsedSeconds(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 60) return 'less than a minute';
  const minutes = Math.floor(totalSeconds / 60);
  const days = Math.floor(minutes / MINUTES_PER.days);
  const hours = Math.floor((minutes % MINUTES_PER.days) / MINUTES_PER.hours);
  const rest = minutes % MINUTES_PER.hours;
  if (days > 0) return hours > 0 ? `${wordAmount(days, 'days')} ${wordAmount(hours, 'hours')}` : wordAmount(days, 'days');
  if (hours > 0) return rest > 0 ? `${wordAmount(hours, 'hours')} ${wordAmount(rest, 'minutes')}` : wordAmount(hours, 'hours');
  return wordAmount(rest, 'minutes');
}
