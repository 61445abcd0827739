/**
 * Durations as an admin types them ("2 hours") and as the policy stores them (120 minutes).
 * Pure, so the conversions are tested without a browser.
 */
import { type DurationUnit, MINUTES_PER, evenDurationOf, wordMinutes } from '@contract/duration-words';
import { POLICY_LIMITS } from '@contract/policy.values';


/** The unit picker's labels (a choice, not a sentence). */
export const UNIT_LABELS: Readonly<Record<DurationUnit, string>> = { minutes: 'Minutes', hours: 'Hours', days: 'Days' };

/** What the form holds: the text typed and the unit chosen, converted only on save. */
export interface DurationDraft {
  readonly amount: string;
  readonly unit: DurationUnit;
}

/** Minutes in the largest unit that divides them evenly: 1440 → 1 day, 90 → 90 minutes. */
export function fromMinutes(minutes: number): DurationDraft {
  const { amount, unit } = evenDurationOf(minutes);
  return { amount: String(amount), unit };
}

export type MinutesResult = { readonly ok: true; readonly minutes: number } | { readonly ok: false; readonly message: string };

/**
 * The typed amount in whole minutes. Decimals are fine when they land on a whole minute
 * (1.5 hours = 90 minutes); the policy keeps every duration between 1 minute and 90 days.
 */
export function toMinutes(draft: DurationDraft): MinutesResult {
  const text = draft.amount.trim().replace(',', '.');
  if (text === '') return { ok: false, message: 'Enter a duration.' };
  // A typed or pasted minus sign (U+2212 "−", dashes) reads as a negative number, and says so.
  if (/^[-\u2212\u2012\u2013\u2014\uFE63\uFF0D]\s*\d/.test(text)) {
    return { ok: false, message: `A duration cannot be negative (you entered ${draft.amount.trim()} ${draft.unit}). Enter a positive number, such as 30 or 1.5.` };
  }
  const amount = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !Number.isFinite(amount)) return { ok: false, message: 'Enter a number, such as 30 or 1.5.' };
  const minutes = Math.round(amount * MINUTES_PER[draft.unit] * 1000) / 1000;
  if (!Number.isInteger(minutes)) return { ok: false, message: 'Enter a whole number of minutes.' };
  if (minutes < 1) return { ok: false, message: `Enter at least ${wordMinutes(1)}.` };
  if (minutes > POLICY_LIMITS.minutesMax) return { ok: false, message: `Enter at most ${wordMinutes(POLICY_LIMITS.minutesMax)}.` };
  return { ok: true, minutes };
}

