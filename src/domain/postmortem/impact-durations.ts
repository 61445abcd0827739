import { wordElapsedSeconds } from '../../contract/duration-words';
import type { Postmortem } from '../../contract/postmortem.contract';

/** One of the three measures teams compare incidents by, from the impact's start. */
export type ImpactDuration = { readonly minutes: number } | { readonly missing: 'start' | 'end' } | { readonly outOfOrder: true };

export interface ImpactDurations {
  readonly toDetect: ImpactDuration;
  readonly toMitigate: ImpactDuration;
  readonly toResolve: ImpactDuration;
}

const between = (start: string | null, end: string | null): ImpactDuration => {
  const from = start === null ? Number.NaN : Date.parse(start);
  const to = end === null ? Number.NaN : Date.parse(end);
  if (Number.isNaN(from)) return { missing: 'start' };
  if (Number.isNaN(to)) return { missing: 'end' };
  // A time before the start is a typo or a zone mix-up: say so rather than show a negative time.
  if (to < from) return { outOfOrder: true };
  return { minutes: Math.round((to - from) / 60_000) };
};

/**
 * Time to detect, to mitigate and to resolve, each measured from when the impact started (the
 * times people entered, not Jira's): what teams compare incidents by. Pure; a missing or unreadable
 * time, or one before the start, gives no number and says why.
 */
export const impactDurations = (impact: Postmortem['impact']): ImpactDurations => ({
  toDetect: between(impact.started, impact.detected),
  toMitigate: between(impact.started, impact.mitigated),
  toResolve: between(impact.started, impact.resolved),
});

/** "42 minutes", "3 hours 10 minutes", or why there is no number. */
export const describeDuration = (duration: ImpactDuration, endLabel: string): string => {
  if ('minutes' in duration) return wordElapsedSeconds(duration.minutes * 60);
  if ('outOfOrder' in duration) return `not shown: ${endLabel} is before the impact started`;
  return duration.missing === 'start' ? 'not known: enter when the impact started' : `not known: enter when it was ${endLabel}`;
};
