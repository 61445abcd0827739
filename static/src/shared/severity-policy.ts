/**
 * Copies of the severity-policy contract's values (`@contract/policy.contract`), kept here so the UI
 * bundle carries no zod. `severity-policy.test.ts` checks each against the contract.
 */
import type { PolicyLevel, ValidatorConfig } from '@contract/policy.contract';

export type ReleaseVehicle = PolicyLevel['releaseVehicle'];

export const RELEASE_VEHICLE_LABELS: Readonly<Record<ReleaseVehicle, string>> = {
  'production-patch': 'Patch to production now',
  'next-production-push': 'Next production push',
  'plan-into-sprint': 'Plan into a sprint',
};

export const RELEASE_VEHICLES = Object.keys(RELEASE_VEHICLE_LABELS) as readonly ReleaseVehicle[];

/** The limits of `policyLevelSchema` and `severityPolicySchema`. */
export const POLICY_LIMITS = {
  levelsMin: 2,
  levelsMax: 6,
  nameMax: 40,
  definitionMin: 10,
  definitionMax: 500,
  examplesMax: 6,
  exampleMax: 200,
  responseMax: 200,
  /** Every duration of a level is a whole number of minutes from 1 to 90 days. */
  minutesMax: 60 * 24 * 90,
  budgetMax: 1_000,
  priorityMax: 60,
} as const;

/** `severityLevelIdSchema`: a slug of at most 32 characters. */
export const LEVEL_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const LEVEL_ID_MAX = 32;

export const DEFAULT_VALIDATOR_CONFIG: ValidatorConfig = {
  rules: { severityPicked: true, severityConfirmed: false, definitionOfReady: false, assigneeAtOrAbove: null, reporterVerification: false, postmortemPublished: false },
  failMode: 'closed',
};

/** A severity level's weekly budget as the policy page and the capacity gadget report it. */
export interface WeeklyBudget {
  readonly levelName: string;
  readonly used: number;
  readonly budget: number;
  readonly exceeded: boolean;
}

/** The weekly budget of the top level as one sentence, and whether it is a warning. */
export function budgetSentence(budget: WeeklyBudget | null): { readonly text: string; readonly exceeded: boolean } | null {
  if (budget === null) return null;
  const count = `${budget.levelName} this week: ${String(budget.used)} of ${String(budget.budget)}`;
  return budget.exceeded ? { text: `${count} — over budget: quality work takes precedence`, exceeded: true } : { text: `${count} — within budget`, exceeded: false };
}
