/**
 * The capacity gadget's values, free of zod so the UI can import them at run time (the schemas in
 * `capacity.contract.ts` are built from them).
 */
import type { SupportCriteriaInput } from './capacity.contract';

export const CAPACITY_MEASURES = ['time', 'points', 'count'] as const;
export type CapacityMeasureId = (typeof CAPACITY_MEASURES)[number];

/** The limits of `gadgetConfigurationSchema` and `supportCriteriaSchema`. */
export const CAPACITY_LIMITS = {
  trendSprintsMin: 2,
  trendSprintsMax: 12,
  planningSprintsMin: 1,
  planningSprintsMax: 6,
  issueTypesMax: 20,
  issueTypeMax: 60,
  labelsMax: 20,
  labelMax: 255,
  jqlMax: 500,
} as const;

/** A label as Jira accepts it: no spaces, at most 255 characters. */
export const LABEL_PATTERN = /^\S{1,255}$/;

/**
 * What counts as production support until a project or a gadget says otherwise; also where a
 * gadget's "Choose for this gadget" starts, so the person edits a sensible set rather than an empty one.
 */
export const DEFAULT_SUPPORT_CRITERIA: SupportCriteriaInput = {
  kinds: ['incident', 'defect', 'support-request'],
  classesOfService: ['emergency', 'bug-asap', 'support-request'],
  issueTypes: ['Incident', 'Support request'],
  labels: ['production-support'],
};
