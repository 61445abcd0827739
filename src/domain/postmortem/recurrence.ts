/**
 * guards (issue 15): the recurrence watch's judgement. A new incident recurs an earlier one when
 * both name the same product/module or share a customer, and it arrived within the project's
 * window after the earlier one. Pure: both reports come from the app's own records.
 */

export const DEFAULT_RECURRENCE_WINDOW_DAYS = 30;

export interface IncidentFacts {
  readonly product: string;
  readonly customers: string;
  /** When the app first recorded the incident (its first severity pick or decision), ISO. */
  readonly since: string | null;
}

export interface RecurrenceMatch {
  readonly matchedOn: 'product' | 'customer';
  /** The product or customer as the earlier incident's report wrote it. */
  readonly value: string;
}

/** Answers that name nothing ("Not known yet", "n/a") never match. */
const UNKNOWN = /^(not known( yet)?|unknown|n\/?a|none|-+|\?+)$/;

const normalize = (text: string): string => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

const known = (text: string): string | null => {
  const value = normalize(text);
  return value === '' || UNKNOWN.test(value) ? null : value;
};

/** A report's customers, one by one: the field is free text, usually a list. */
const customersOf = (text: string): Array<{ readonly key: string; readonly original: string }> =>
  text
    .split(/[,;\n]|\band\b/)
    .map((part) => part.trim())
    .flatMap((original) => {
      const key = known(original);
      return key === null ? [] : [{ key, original }];
    });

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What makes `next` a recurrence of `earlier`, or null: same product first, else a shared customer;
 * only when `next` arrived (`arrivedAt`) within `windowDays` after the earlier incident.
 */
export function recurrenceOf(earlier: IncidentFacts, next: Pick<IncidentFacts, 'product' | 'customers'>, arrivedAt: string, windowDays: number): RecurrenceMatch | null {
  if (earlier.since === null) return null;
  const gap = Date.parse(arrivedAt) - Date.parse(earlier.since);
  if (Number.isNaN(gap) || gap < 0 || gap > windowDays * DAY_MS) return null;
  const product = known(earlier.product);
  if (product !== null && product === known(next.product)) return { matchedOn: 'product', value: earlier.product.trim() };
  const theirs = new Set(customersOf(next.customers).map((customer) => customer.key));
  const shared = customersOf(earlier.customers).find((customer) => theirs.has(customer.key));
  return shared === undefined ? null : { matchedOn: 'customer', value: shared.original };
}
