import type { WipLimits } from '../../contract/project-config.contract';
import type { ClassOfService } from '../../contract/triage.values';

/** Jira's status category of work in progress (`statusCategory = "In Progress"` in JQL). */
export const IN_PROGRESS_CATEGORY = 'indeterminate';

/** What the support WIP limits mean for one issue. */
export type WipStanding =
  /** No limit applies: the issue has no class of service yet, or its class has none. */
  | { readonly kind: 'unlimited' }
  /** The class has a limit, but the decided level is the policy's top one and the project exempts it. */
  | { readonly kind: 'exempt'; readonly classOfService: ClassOfService; readonly limit: number }
  | { readonly kind: 'limited'; readonly classOfService: ClassOfService; readonly limit: number };

export interface WipSubject {
  /** The class of service a triager gave the issue (app storage), or undefined while unclassified. */
  readonly classOfService: ClassOfService | undefined;
  /**
   * The level a triager decided, or undefined. The exemption goes by the decision only: a reporter's
   * own pick of the top level must not open a way round the limit.
   */
  readonly decidedLevel: string | undefined;
  /** The policy's most severe level (first on the scale). */
  readonly topLevel: string | undefined;
}

/** Where one issue stands against the project's WIP limits (settings saved before limits existed have none). */
export const wipStandingOf = (limits: WipLimits | undefined, subject: WipSubject): WipStanding => {
  const { classOfService } = subject;
  const limit = classOfService === undefined ? undefined : limits?.limits[classOfService];
  if (classOfService === undefined || limit === undefined || limits === undefined) return { kind: 'unlimited' };
  const exempt = limits.topSeverityExempt && subject.decidedLevel !== undefined && subject.decidedLevel === subject.topLevel;
  return { kind: exempt ? 'exempt' : 'limited', classOfService, limit };
};

/**
 * Whether a transition starts work, the only move the WIP rule judges: into an In Progress status
 * from one that is not. A move within In Progress (Review → In progress) starts nothing, so the
 * issue is never counted against itself twice.
 */
export const startsWork = (fromCategory: string | null, toCategory: string | null): boolean => toCategory === IN_PROGRESS_CATEGORY && fromCategory !== IN_PROGRESS_CATEGORY;
