/**
 * How the gadget says its numbers: values in the measure's unit, shares as percentages, the
 * support-of-total figure and the planning aid as sentences, sprints by name, state and dates. The
 * backend sends numbers only (`capacity/compute`); this is the one place they become words. Pure;
 * the locale and time zone come in as arguments.
 */
import type { CapacityMeasureId } from '../../shared/capacity';

const SECONDS_PER_HOUR = 3600;

/** 12.5, 3, 0.5, "1.234,6" in German: at most one decimal, none when it is zero. */
const oneDecimal = (value: number, locale: string | undefined): string => new Intl.NumberFormat(locale ?? 'en-US', { maximumFractionDigits: 1 }).format(value);

/** 27 % in German, 27% in English: the locale decides the sign and its spacing. */
const percent = (share: number, locale: string | undefined): string => new Intl.NumberFormat(locale ?? 'en-US', { style: 'percent', maximumFractionDigits: 0 }).format(share);

/**
 * The English unit word for a number as shown: the words are English whatever the locale, so the
 * plural follows English rules, on the rounded value ("1 point" for 0.96, "1.5 points").
 */
const unit = (value: number, one: string, many: string): string => (Math.round(value * 10) / 10 === 1 ? one : many);

/**
 * A value in the measure's unit, as `capacity/compute` reports it: time in seconds (shown in hours),
 * story points, or issues. "12.5 h", "8 points", "1 issue"; a sliver of time is "<0.1 h", not "0 h".
 */
export function formatMeasureValue(value: number, measure: CapacityMeasureId, locale?: string): string {
  switch (measure) {
    case 'time': {
      const hours = value / SECONDS_PER_HOUR;
      if (hours > 0 && hours < 0.05) return `<${oneDecimal(0.1, locale)} h`;
      return `${oneDecimal(hours, locale)} h`;
    }
    case 'points':
      return `${oneDecimal(value, locale)} ${unit(value, 'point', 'points')}`;
    case 'count':
      return `${oneDecimal(value, locale)} ${unit(value, 'issue', 'issues')}`;
  }
}

/** The figure under a sprint's share: "5 h of 8 h logged", "5 of 10 points", "1 of 1 issue". */
export function formatSupportOfTotal(support: number, total: number, measure: CapacityMeasureId, locale?: string): string {
  if (measure === 'time') return `${formatMeasureValue(support, measure, locale)} of ${formatMeasureValue(total, measure, locale)} logged`;
  return `${oneDecimal(support, locale)} of ${formatMeasureValue(total, measure, locale)}`;
}

/**
 * A planned amount rounded to what a team can plan, to the nearest (a floor would make 5.97 points
 * a plan of 5): whole story points and issues; time in whole hours, or half hours below 4 h, where
 * a whole hour is a large step. Negative or unreadable amounts are nothing to plan.
 */
const roundForPlan = (value: number, measure: CapacityMeasureId): number => {
  const amount = Number.isFinite(value) ? Math.max(0, value) : 0;
  if (measure !== 'time') return Math.round(amount);
  const hours = amount / SECONDS_PER_HOUR;
  return (hours < 4 ? Math.round(hours * 2) / 2 : Math.round(hours)) * SECONDS_PER_HOUR;
};

/** The suggested plan in the measure's unit: 5.97 points → "6 points", 2.3 h → "2.5 h". */
export function formatPlanValue(value: number, measure: CapacityMeasureId, locale?: string): string {
  return formatMeasureValue(roundForPlan(value, measure), measure, locale);
}

/** A plan as a range with one unit, "65–70 points"; one figure when both ends round alike. */
export function formatPlanRange(low: number, high: number, measure: CapacityMeasureId, locale?: string): string {
  const [from, to] = [roundForPlan(Math.min(low, high), measure), roundForPlan(Math.max(low, high), measure)];
  if (from === to) return formatPlanValue(from, measure, locale);
  const scale = measure === 'time' ? SECONDS_PER_HOUR : 1;
  return `${oneDecimal(from / scale, locale)}–${formatPlanValue(to, measure, locale)}`;
}

/**
 * 0.27 → "27%" ("27 %" in German); a non-zero share that rounds to nothing is "<1%"; no share is
 * "–". Without a locale, US English, as before the locale was passed.
 */
export function formatShare(share: number | null, locale?: string): string {
  if (share === null || !Number.isFinite(share)) return '–';
  if (share > 0 && share < 0.005) return `<${percent(0.01, locale)}`;
  return percent(share, locale);
}

/** "3 Nov – 17 Nov 2025", in the viewer's locale and time zone; `''` when the dates are unreadable. */
export function formatSprintDates(start: string, end: string, locale?: string, timeZone?: string): string {
  const from = new Date(start);
  const to = new Date(end);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return '';
  const format = (options: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat(locale ?? 'en-US', { ...options, ...(timeZone === undefined ? {} : { timeZone }) });
    } catch {
      // An unknown time zone from the host must not break the gadget.
      return new Intl.DateTimeFormat(locale ?? 'en-US', options);
    }
  };
  return format({ day: 'numeric', month: 'short', year: 'numeric' }).formatRange(from, to);
}

const SPRINT_STATES: Readonly<Record<string, { readonly label: string; readonly tone: 'inprogress' | 'default' | 'new' }>> = {
  active: { label: 'Active', tone: 'inprogress' },
  closed: { label: 'Closed', tone: 'default' },
  future: { label: 'Future', tone: 'new' },
};

/** A sprint state as a lozenge; a state Jira adds later is shown as it comes. */
export const sprintState = (state: string): { readonly label: string; readonly tone: 'inprogress' | 'default' | 'new' } => SPRINT_STATES[state] ?? { label: state, tone: 'default' };

/**
 * The short label under a trend column, where a 380 px gadget leaves about 30 px per sprint:
 * "SHOP Sprint 14" → "14"; a name without a trailing number keeps its first four characters.
 * The full name stays in the chart's text alternative.
 */
export function shortSprintLabel(name: string): string {
  const number = /(\d+)\s*$/.exec(name)?.[1];
  if (number !== undefined) return number.length > 4 ? number.slice(-4) : number;
  return name.trim().slice(0, 4);
}
