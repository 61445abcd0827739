/**
 * The severity policy's values, free of zod so the UI can import them at run time (the schemas in
 * `policy.contract.ts` are built from them).
 */
import type { ValidatorConfig } from './policy.contract';

export const RELEASE_VEHICLES = ['production-patch', 'next-production-push', 'plan-into-sprint'] as const;
export type ReleaseVehicle = (typeof RELEASE_VEHICLES)[number];

export const RELEASE_VEHICLE_LABELS: Readonly<Record<ReleaseVehicle, string>> = {
  'production-patch': 'Patch to production now',
  'next-production-push': 'Next production push',
  'plan-into-sprint': 'Plan into a sprint',
};

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

export const DEFAULT_VALIDATOR_CONFIG: ValidatorConfig = {
  rules: { severityPicked: true, severityConfirmed: false, definitionOfReady: false, assigneeAtOrAbove: null, reporterVerification: false, postmortemPublished: false, supportWipLimits: false },
  failMode: 'closed',
};

/** The issue property that holds what the trigger applied to an issue. */
export const POLICY_STATE_PROPERTY_KEY = 'firebreak-policy';

// disputes (issue 16 part 4)
/**
 * The default time box for ruling on a severity dispute: 30 minutes for the top level (the seed
 * practice: decide within 15–30 minutes when everything is on fire), four hours for every other.
 */
export const DISPUTE_TIME_BOX_DEFAULTS = { topMinutes: 30, otherMinutes: 240 } as const;

/** Minutes the authority has to rule on a dispute of the level at `index` (0 = the top). Old stored policies have none: the default. */
export const disputeTimeBoxOf = (level: { readonly disputeTimeBoxMinutes?: number | undefined }, index: number): number =>
  level.disputeTimeBoxMinutes ?? (index === 0 ? DISPUTE_TIME_BOX_DEFAULTS.topMinutes : DISPUTE_TIME_BOX_DEFAULTS.otherMinutes);
