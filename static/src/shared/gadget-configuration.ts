/**
 * The capacity gadget's configuration as the UI handles it: the gadget's own labels for the
 * contract's measures, its defaults, and the tolerant reader of a saved configuration. `routes.tsx`
 * reads the configuration before the gadget's chunk loads, so this module stays free of other
 * screens' labels.
 */
import { CAPACITY_LIMITS, CAPACITY_MEASURES, type CapacityMeasureId, LABEL_PATTERN } from '@contract/capacity.values';
import type { GadgetConfiguration, SupportCriteriaInput } from '@contract/capacity.contract';
import { CLASSES_OF_SERVICE, ISSUE_KINDS } from '@contract/triage.values';

export type { CapacityMeasureId } from '@contract/capacity.values';
export type { GadgetConfiguration } from '@contract/capacity.contract';
export type SupportCriteria = SupportCriteriaInput;

/** The gadget's words for each of the contract's measures, in the contract's order. */
const MEASURE_LABELS: Readonly<Record<CapacityMeasureId, { readonly label: string; readonly short: string }>> = {
  time: { label: 'Time logged within the sprint', short: 'Time' },
  points: { label: 'Story points', short: 'Points' },
  count: { label: 'Issue count', short: 'Issues' },
};

export const MEASURES: ReadonlyArray<{ readonly id: CapacityMeasureId; readonly label: string; readonly short: string }> = CAPACITY_MEASURES.map((id) => ({ id, ...MEASURE_LABELS[id] }));

/** What a new gadget starts from: everything but the board, which the person must choose. */
export const DEFAULT_GADGET_SETTINGS: Omit<GadgetConfiguration, 'boardId'> = {
  sprint: 'active',
  measure: 'time',
  trendSprints: 6,
  planningSprints: 3,
  criteria: null,
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isWholeIn = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const isPositiveId = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;

const stringsIn = <T extends string>(value: unknown, allowed: readonly T[]): T[] | undefined =>
  Array.isArray(value) && value.every((item): item is T => typeof item === 'string' && (allowed as readonly string[]).includes(item)) ? [...new Set(value)] : undefined;

const plainStrings = (value: unknown, max: number, valid: (item: string) => boolean): string[] | undefined =>
  Array.isArray(value) && value.length <= max && value.every((item): item is string => typeof item === 'string' && valid(item)) ? value : undefined;

export const isValidIssueType = (type: string): boolean => type.length >= 1 && type.length <= CAPACITY_LIMITS.issueTypeMax;
export const isValidLabel = (label: string): boolean => LABEL_PATTERN.test(label);
/**
 * The schema trims the clause before checking its length. Its shape (`support-jql.ts`) is left to
 * the editor and the backend, which refuses a forged one with a sentence the gadget shows: this
 * module loads before first paint, where every kilobyte counts.
 */
export const isValidJql = (jql: string): boolean => jql.trim().length <= CAPACITY_LIMITS.jqlMax;

/** A saved criteria object in the shape `supportCriteriaSchema` accepts, or `undefined`. */
function readCriteria(value: unknown): SupportCriteria | undefined {
  if (!isRecord(value)) return undefined;
  const kinds = stringsIn(value['kinds'], ISSUE_KINDS);
  const classesOfService = stringsIn(value['classesOfService'], CLASSES_OF_SERVICE);
  const issueTypes = plainStrings(value['issueTypes'], CAPACITY_LIMITS.issueTypesMax, isValidIssueType);
  const labels = plainStrings(value['labels'], CAPACITY_LIMITS.labelsMax, isValidLabel);
  const jql = value['jql'];
  if (kinds === undefined || classesOfService === undefined || issueTypes === undefined || labels === undefined) return undefined;
  if (jql !== undefined && (typeof jql !== 'string' || !isValidJql(jql))) return undefined;
  const clause = typeof jql === 'string' ? jql.trim() : '';
  return clause === '' ? { kinds, classesOfService, issueTypes, labels } : { kinds, classesOfService, issueTypes, labels, jql: clause };
}

export interface ReadConfiguration {
  /** The board, or `null` on a new gadget (the host hands `{}` until the first save). */
  readonly boardId: number | null;
  readonly settings: Omit<GadgetConfiguration, 'boardId'>;
  /** Some saved value could not be read and its default is used instead. */
  readonly damaged: boolean;
}

/**
 * Reads `context.extension.gadgetConfiguration` by hand (no zod in the UI). Jira stores whatever
 * the editor submitted, so an older or hand-edited configuration may miss fields or hold values
 * out of range: each such field falls back to its default, and `damaged` says that happened.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-dashboard-gadget/
 */
export function readGadgetConfiguration(raw: unknown): ReadConfiguration {
  const saved = isRecord(raw) ? raw : {};
  const defaults = DEFAULT_GADGET_SETTINGS;
  let damaged = false;
  const pick = <T>(key: string, accept: (value: unknown) => value is T, fallback: T): T => {
    const value = saved[key];
    if (value === undefined) return fallback;
    if (accept(value)) return value;
    damaged = true;
    return fallback;
  };

  const boardId = pick('boardId', isPositiveId, null);
  const sprint = pick('sprint', (value): value is 'active' | number => value === 'active' || isPositiveId(value), defaults.sprint);
  const measure = pick('measure', (value): value is CapacityMeasureId => (CAPACITY_MEASURES as readonly unknown[]).includes(value), defaults.measure);
  const trendSprints = pick('trendSprints', (value): value is number => isWholeIn(value, CAPACITY_LIMITS.trendSprintsMin, CAPACITY_LIMITS.trendSprintsMax), defaults.trendSprints);
  const planningSprints = pick('planningSprints', (value): value is number => isWholeIn(value, CAPACITY_LIMITS.planningSprintsMin, CAPACITY_LIMITS.planningSprintsMax), defaults.planningSprints);
  let criteria: SupportCriteria | null = null;
  if (saved['criteria'] !== undefined && saved['criteria'] !== null) {
    const read = readCriteria(saved['criteria']);
    if (read === undefined) damaged = true;
    else criteria = read;
  }
  return { boardId, settings: { sprint, measure, trendSprints, planningSprints, criteria }, damaged };
}

/** The configuration to compute with, or `null` while the gadget has no board. */
export function configurationToCompute(read: ReadConfiguration): GadgetConfiguration | null {
  return read.boardId === null ? null : { boardId: read.boardId, ...read.settings };
}
