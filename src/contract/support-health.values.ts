/**
 * Support health's values, free of zod so the UI can import them at run time (the schemas in
 * `support-health.contract.ts` are built from them).
 */

/** Good teams report meeting 95 % of their guideline dates: the aim the view holds each figure to. */
export const HEALTH_COMPLIANCE_AIM = 0.95;

/** How many periods (sprints, or weeks on a board without sprints) the view covers. */
export const HEALTH_LIMITS = {
  periodsMin: 1,
  periodsMax: 12,
  periodsDefault: 6,
  /** updates part (issue 16): how many incidents the on-time updates list names (the total counts them all). */
  updateIncidentsListed: 30,
  /** How many open findings past their due date the vulnerabilities section names (the figures count them all). */
  overdueFindingsListed: 20,
} as const;

/** The breakdowns' id for issues nobody decided a severity for (or nobody classified). */
export const HEALTH_NOT_DECIDED = 'not-decided';
