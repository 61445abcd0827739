/**
 * Support health over time: for each period (a sprint's window, or a week on a board without
 * sprints), how many support issues arrived and were resolved, whether each first response met its
 * guideline date, and how long acknowledging and resolving took. Pure: the caller brings the periods,
 * the issues with what the app recorded about them, and `now`.
 *
 * Every time measured here leaves out the time the issue waited for its reporter (a send-back): the
 * team cannot answer a report that is not complete, and the response target says so.
 */

export interface HealthPeriod {
  readonly name: string;
  /** ISO instants; the period is [start, end). */
  readonly start: string;
  readonly end: string;
  readonly state: 'active' | 'closed' | 'week';
}

/** One span of waiting for the reporter; `to` is null while still waiting. */
export interface WaitingSpan {
  readonly from: string;
  readonly to: string | null;
}

/** The response guideline as the app applied it when the severity was decided (app storage). */
export interface ResponseGuideline {
  readonly decisionAt: string;
  /** The guideline date: the decision plus the level's response target, as applied. */
  readonly dueAt: string;
  /** When a person first commented after the decision; null while none did. */
  readonly firstResponseAt: string | null;
}

export interface SupportRecord {
  readonly key: string;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  /** The decided severity's level id (app storage); null when nobody decided one. */
  readonly severity: string | null;
  /** The triager's kind (app storage); null when not classified. */
  readonly kind: string | null;
  /** Null when no decision's policy was applied (never decided, or a level with no policy). */
  readonly guideline: ResponseGuideline | null;
  readonly waiting: readonly WaitingSpan[];
}

/** Time in seconds, over the issues that have one. */
export interface DurationStats {
  readonly count: number;
  readonly meanSeconds: number;
  readonly medianSeconds: number;
}

export interface Compliance {
  /** First responses given by the guideline date (waiting for the reporter excluded). */
  readonly met: number;
  /** Responses given late, and open issues whose guideline date has passed without one. */
  readonly breached: number;
  /** Open issues without a response whose guideline date has not come yet: neither met nor breached. */
  readonly pending: number;
  /** met / (met + breached), null when no guideline date has been settled yet. */
  readonly share: number | null;
}

export interface SeverityHealth {
  /** The decided level id; null for issues never decided. */
  readonly severity: string | null;
  readonly arrived: number;
  readonly resolved: number;
  readonly compliance: Compliance;
  /** From arrival to the first response, over the issues that arrived in the period and had one. */
  readonly acknowledge: DurationStats | null;
  /** From arrival to resolution, over the issues resolved in the period. */
  readonly resolve: DurationStats | null;
}

export interface KindHealth {
  readonly kind: string | null;
  readonly arrived: number;
  readonly resolved: number;
}

export interface PeriodHealth {
  readonly period: HealthPeriod;
  readonly arrived: number;
  readonly resolved: number;
  /** In the order severities were first met (the caller orders them by the scale). */
  readonly bySeverity: readonly SeverityHealth[];
  readonly byKind: readonly KindHealth[];
  /** Over the issues that arrived in the period with a guideline date. */
  readonly compliance: Compliance;
}

const ms = (iso: string): number => Date.parse(iso);

const inPeriod = (iso: string | null, period: HealthPeriod): boolean => iso !== null && ms(iso) >= ms(period.start) && ms(iso) < ms(period.end);

/** Milliseconds between `from` and `to` not spent waiting for the reporter (a span still open waits until `now`). */
export const workingMs = (from: string, to: string, waiting: readonly WaitingSpan[], now: string): number => {
  const start = ms(from);
  const end = ms(to);
  if (!(end > start)) return 0;
  const waited = waiting.reduce((total, span) => {
    const overlap = Math.min(end, ms(span.to ?? now)) - Math.max(start, ms(span.from));
    return total + Math.max(0, overlap);
  }, 0);
  return Math.max(0, end - start - waited);
};

/**
 * When the issue was first answered: the first response, or its resolution if that came first (a
 * resolved issue was answered, comment or not). Null while neither happened.
 */
const answeredAt = (record: SupportRecord): string | null => {
  const candidates = [record.guideline?.firstResponseAt ?? null, record.resolvedAt].filter((at): at is string => at !== null);
  if (candidates.length === 0) return null;
  return candidates.reduce((earliest, at) => (ms(at) < ms(earliest) ? at : earliest));
};

export type ResponseVerdict = 'met' | 'breached' | 'pending' | 'no-guideline';

/**
 * Whether the first response met the guideline date, waiting for the reporter excluded: the time
 * from the decision to the answer, less the waiting in between, against the target as applied
 * (guideline date − decision). An issue not answered yet is breached once that working time has
 * passed the target, and pending until then.
 */
export const responseVerdict = (record: SupportRecord, now: string): ResponseVerdict => {
  const { guideline } = record;
  if (guideline === null) return 'no-guideline';
  const targetMs = ms(guideline.dueAt) - ms(guideline.decisionAt);
  const answered = answeredAt(record);
  if (answered === null) return workingMs(guideline.decisionAt, now, record.waiting, now) > targetMs ? 'breached' : 'pending';
  return workingMs(guideline.decisionAt, answered, record.waiting, now) > targetMs ? 'breached' : 'met';
};

const median = (sorted: readonly number[]): number => {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
};

/** Mean and median of durations in milliseconds, as seconds; null when there are none. */
export const durationStats = (durationsMs: readonly number[]): DurationStats | null => {
  if (durationsMs.length === 0) return null;
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const mean = sorted.reduce((total, value) => total + value, 0) / sorted.length;
  return { count: sorted.length, meanSeconds: Math.round(mean / 1000), medianSeconds: Math.round(median(sorted) / 1000) };
};

/** Tallies verdicts into a compliance figure; no guideline settled means no share (never a division by zero). */
export const complianceOf = (verdicts: readonly ResponseVerdict[]): Compliance => {
  const met = verdicts.filter((verdict) => verdict === 'met').length;
  const breached = verdicts.filter((verdict) => verdict === 'breached').length;
  const pending = verdicts.filter((verdict) => verdict === 'pending').length;
  return { met, breached, pending, share: met + breached === 0 ? null : met / (met + breached) };
};

/** Adds compliance figures (for the whole range, or every severity of a period). */
export const sumCompliance = (figures: readonly Compliance[]): Compliance => {
  const met = figures.reduce((total, figure) => total + figure.met, 0);
  const breached = figures.reduce((total, figure) => total + figure.breached, 0);
  const pending = figures.reduce((total, figure) => total + figure.pending, 0);
  return { met, breached, pending, share: met + breached === 0 ? null : met / (met + breached) };
};

const groupBy = <K>(records: readonly SupportRecord[], keyOf: (record: SupportRecord) => K): Map<K, SupportRecord[]> => {
  const groups = new Map<K, SupportRecord[]>();
  for (const record of records) groups.set(keyOf(record), [...(groups.get(keyOf(record)) ?? []), record]);
  return groups;
};

/**
 * One period's health. `records` may hold issues of other periods too (one search can return an
 * issue that arrived earlier and was resolved in this one): each figure picks the ones it counts.
 * Arrivals, compliance and time to acknowledge count the issues that arrived in the period;
 * resolutions and time to resolve the ones resolved in it.
 */
export const periodHealth = (period: HealthPeriod, records: readonly SupportRecord[], now: string): PeriodHealth => {
  const unique = [...new Map(records.map((record) => [record.key, record])).values()];
  const relevant = unique.filter((record) => inPeriod(record.createdAt, period) || inPeriod(record.resolvedAt, period));
  const severityHealth = (severity: string | null, group: readonly SupportRecord[]): SeverityHealth => {
    const arrived = group.filter((record) => inPeriod(record.createdAt, period));
    const resolved = group.filter((record) => inPeriod(record.resolvedAt, period));
    const acknowledged = arrived.flatMap((record) => {
      const answered = answeredAt(record);
      return answered === null ? [] : [workingMs(record.createdAt, answered, record.waiting, now)];
    });
    return {
      severity,
      arrived: arrived.length,
      resolved: resolved.length,
      compliance: complianceOf(arrived.map((record) => responseVerdict(record, now))),
      acknowledge: durationStats(acknowledged),
      resolve: durationStats(resolved.map((record) => workingMs(record.createdAt, record.resolvedAt ?? record.createdAt, record.waiting, now))),
    };
  };
  const bySeverity = [...groupBy(relevant, (record) => record.severity)].map(([severity, group]) => severityHealth(severity, group));
  const byKind = [...groupBy(relevant, (record) => record.kind)].map(([kind, group]) => ({
    kind,
    arrived: group.filter((record) => inPeriod(record.createdAt, period)).length,
    resolved: group.filter((record) => inPeriod(record.resolvedAt, period)).length,
  }));
  return {
    period,
    arrived: relevant.filter((record) => inPeriod(record.createdAt, period)).length,
    resolved: relevant.filter((record) => inPeriod(record.resolvedAt, period)).length,
    bySeverity,
    byKind,
    compliance: sumCompliance(bySeverity.map((row) => row.compliance)),
  };
};

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the ISO week holding `at`. */
const isoWeekStart = (at: number): number => {
  const day = new Date(at);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return midnight - ((day.getUTCDay() + 6) % 7) * DAY_MS;
};

/** ISO 8601 week number: the week holding the year's first Thursday is week 1. */
export const isoWeekNumber = (weekStartMs: number): { readonly year: number; readonly week: number } => {
  const thursday = new Date(weekStartMs + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(isoWeekStart(Date.UTC(year, 0, 4)) + 3 * DAY_MS);
  return { year, week: 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * DAY_MS)) };
};

/**
 * The last `count` ISO weeks (Monday to Monday, UTC), oldest first, the last one the week of `now`
 * (still running: its state is `week` like the others, and its end is next Monday).
 */
export const lastWeeks = (now: string, count: number): HealthPeriod[] => {
  const current = isoWeekStart(ms(now));
  return Array.from({ length: Math.max(0, count) }, (_, index) => {
    const start = current - (count - 1 - index) * 7 * DAY_MS;
    const { week } = isoWeekNumber(start);
    return { name: `Week ${String(week)}`, start: new Date(start).toISOString(), end: new Date(start + 7 * DAY_MS).toISOString(), state: 'week' as const };
  });
};

/**
 * Compliance over every period together, each issue once: sprints of a board may overlap (parallel
 * sprints), and an issue arriving in two of them must not count twice in the headline.
 */
export const overallCompliance = (periods: readonly HealthPeriod[], records: readonly SupportRecord[], now: string): Compliance => {
  const unique = [...new Map(records.map((record) => [record.key, record])).values()];
  return complianceOf(unique.filter((record) => periods.some((period) => inPeriod(record.createdAt, period))).map((record) => responseVerdict(record, now)));
};
