/**
 * The severity policy's values, free of zod so the UI can import them at run time (the schemas in
 * `policy.contract.ts` are built from them).
 */
import type { PolicyLevel, ValidatorConfig } from './policy.contract';

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

// ── playbook part (issue 16): the all-hands checklist ──

export const PLAYBOOK_LIMITS = { stepMax: 200, stepsMax: 15 } as const;

/** The usual sequence of an all-hands incident, which a level starts from when the admin has not written its own. */
export const DEFAULT_PLAYBOOK: readonly string[] = [
  'Bring in help and name who leads',
  'Quick impact analysis: is it really everyone?',
  'Quick root-cause analysis, with tasks assigned',
  'Mitigation plan (a rollback often beats a fix)',
  'Mitigation validated: metrics back to green',
  'Update sent',
  'Rest',
];

/**
 * A level's playbook as it applies: the admin's steps, or, for a policy saved before playbooks
 * existed, the usual sequence on all-hands levels and none on the others.
 */
export const playbookOf = (level: Pick<PolicyLevel, 'allHands' | 'playbook'>): readonly string[] => level.playbook ?? (level.allHands ? DEFAULT_PLAYBOOK : []);
// ── part: updates (issue 16): stakeholder updates per level ────────────────────────────────────

/** Placeholders a level's subject template may use: the level's name (as written, or in capitals), the summary and key. */
export const SUBJECT_PLACEHOLDERS = ['{level}', '{LEVEL}', '{summary}', '{key}'] as const;

/** The subject of an update when the level names none: "CRITICAL ISSUE UPDATE: Checkout is down". */
export const DEFAULT_SUBJECT_TEMPLATE = '{LEVEL} ISSUE UPDATE: {summary}';

export const COMMUNICATION_LIMITS = { groupsMax: 10, rolesMax: 10, groupNameMax: 255, roleNameMax: 100, subjectMax: 200 } as const;

/** Who hears about an incident at one level, and how (the stored `communication` of a level). */
export interface LevelCommunication {
  /** Whether the team sends stakeholder updates straight to the audience (false: "no direct communication"). */
  readonly direct: boolean;
  /** Jira groups, by name. */
  readonly groups: readonly string[];
  /** Project roles, by name, resolved to their people in the project. */
  readonly roles: readonly string[];
  readonly subjectTemplate: string;
  /** Who hears of a missed update after a second interval (a person, by account id); null: nobody more. */
  readonly escalationContact: string | null;
}

/**
 * A level's communication, defaulted for policies saved before it existed: direct updates for levels
 * with an update cadence (the reporter, assignee and watchers hear), none for the others, the
 * default subject, no groups, roles or escalation contact.
 */
export const levelCommunication = (level: { readonly updateCadenceMinutes: number | null; readonly communication?: Partial<LevelCommunication> | undefined }): LevelCommunication => ({
  direct: level.communication?.direct ?? level.updateCadenceMinutes !== null,
  groups: level.communication?.groups ?? [],
  roles: level.communication?.roles ?? [],
  subjectTemplate: level.communication?.subjectTemplate ?? DEFAULT_SUBJECT_TEMPLATE,
  escalationContact: level.communication?.escalationContact ?? null,
});
// ── end part: updates ──────────────────────────────────────────────────────────────────────────
// disputes (issue 16 part 4)
/**
 * The default time box for ruling on a severity dispute: 30 minutes for the top level (the seed
 * practice: decide within 15–30 minutes when everything is on fire), four hours for every other.
 */
export const DISPUTE_TIME_BOX_DEFAULTS = { topMinutes: 30, otherMinutes: 240 } as const;

/** Minutes the authority has to rule on a dispute of the level at `index` (0 = the top). Old stored policies have none: the default. */
export const disputeTimeBoxOf = (level: { readonly disputeTimeBoxMinutes?: number | undefined }, index: number): number =>
  level.disputeTimeBoxMinutes ?? (index === 0 ? DISPUTE_TIME_BOX_DEFAULTS.topMinutes : DISPUTE_TIME_BOX_DEFAULTS.otherMinutes);
