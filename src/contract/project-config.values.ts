/**
 * The project settings' values, free of zod so the UI can import them at run time (the schemas in
 * `project-config.contract.ts` are built from them).
 */
import type { DisputeAuthority, Triagers } from './project-config.contract';
import type { ReportFieldId } from './report.contract';

/** How a template field behaves for one issue type. */
export const FIELD_RULES = ['required', 'optional', 'hidden'] as const;
export type FieldRule = (typeof FIELD_RULES)[number];

/** What a field does when the project's defaults leave it out. */
export const DEFAULT_FIELD_RULES: Readonly<Record<ReportFieldId, FieldRule>> = {
  stepsToReproduce: 'required',
  actualResult: 'required',
  expectedResult: 'required',
  environment: 'required',
  customers: 'required',
  affectedUsers: 'optional',
  product: 'required',
  raisedVia: 'required',
  workaround: 'required',
  workaroundDescription: 'optional',
  links: 'optional',
};

/** Who triages until a project admin says otherwise: the project's developers and administrators. */
export const DEFAULT_TRIAGERS: Triagers = { roles: ['Developers', 'Administrators'], groups: [] };

/** A work-in-progress limit is a whole number of issues from 1 to 99 (none = no limit). */
export const WIP_LIMIT_MIN = 1;
export const WIP_LIMIT_MAX = 99;
export const WIP_LIMIT_MESSAGE = `Enter a whole number from ${String(WIP_LIMIT_MIN)} to ${String(WIP_LIMIT_MAX)}, or leave it empty for no limit.`;

/** Each class of service as the WIP limits name it: "Emergency work in progress: 2 of 2". */
export const WIP_CLASS_NAMES = {
  emergency: 'Emergency',
  'bug-asap': 'ASAP bug',
  'bug-next-maintenance': 'Next-maintenance bug',
  'bug-next-major': 'Next-major bug',
  'support-request': 'Support request',
} as const;

// disputes (issue 16 part 4)
/** Who has the final say on a severity dispute until a project admin names someone: the project's Administrators role. */
export const DEFAULT_DISPUTE_AUTHORITY: DisputeAuthority = { kind: 'role', roleName: 'Administrators' };

/** The authority in words, completing "… has the final say": "Mia Chen", "members of the sre-leads group", "the Administrators role". */
export const describeDisputeAuthority = (authority: DisputeAuthority, personName: string | undefined): string => {
  switch (authority.kind) {
    case 'person':
      return personName ?? 'the person the project settings name';
    case 'group':
      return `members of the ${authority.groupName} group`;
    case 'role':
      return `members of the project’s ${authority.roleName} role`;
  }
};
