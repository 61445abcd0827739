import { kvs } from '@forge/kvs';
import { z } from 'zod';

import type { AlertIncident } from '../domain/intake/alert-incident';
import type { IncomingAlert } from '../domain/intake/incoming-alert';
import { mapWithConcurrency } from '../jira/concurrency';
import { MAX_REQUESTS_IN_FLIGHT } from '../jira/in-flight-limit';
import { saveTogether, type SwapOutcome, type VersionedRow, type VersionedWrite } from './compare-and-swap';
import { StoredDataError } from './stored-data-error';

/**
 * intake (issue 17): one `alert-incident` row per (source, fingerprint), keyed like its inbox row
 * (`alertKeyOf`): which issue is the alert's incident, how often it fired, what is still owed to it
 * (setup steps, comments). Saved compare-and-swap; indexed by issue id so the Production report
 * panel can show "Alert fired 37 times, last at 14:02".
 */
const ENTITY = 'alert-incident';

const handle = z.object({ id: z.string().min(1), key: z.string().min(1) });
const instantOrNull = z.string().nullable();

export const alertIncidentSchema = z.object({
  sourceId: z.string().min(1),
  fingerprint: z.string().min(1),
  seq: z.number().int().nonnegative(),
  phase: z.enum(['idle', 'create', 'open']),
  issue: handle.nullable(),
  recurredFrom: handle.nullable(),
  creating: z.object({ attemptId: z.string(), at: z.string(), eventId: z.string() }).nullable(),
  setup: z.object({ report: z.boolean(), policy: z.boolean(), dueDate: z.boolean(), linked: z.boolean() }),
  occurrences: z.number().int().nonnegative(),
  firstSeenAt: instantOrNull,
  lastSeenAt: instantOrNull,
  latest: z.custom<IncomingAlert>((value) => typeof value === 'object' && value !== null && typeof (value as { title?: unknown }).title === 'string'),
  fresh: z.object({ firings: z.number().int().nonnegative(), firstAt: instantOrNull, lastAt: instantOrNull, resolvedAt: instantOrNull }),
  lastCommentAt: instantOrNull,
  commentedOccurrences: z.number().int().nonnegative(),
  resolutionNoted: instantOrNull,
  notes: z.array(z.object({ id: z.string(), text: z.string() })).max(20),
  refusal: z.string().nullable(),
}) satisfies z.ZodType<AlertIncident>;

interface IncidentRow extends VersionedRow {
  readonly sourceId: string;
  /** The current incident's issue id; '' while there is none (the index needs a value). */
  readonly issueId: string;
  readonly document: AlertIncident;
}

export interface StoredAlertIncident {
  readonly incident: AlertIncident;
  readonly version: number;
}

const rows = () => kvs.entity<IncidentRow>(ENTITY);

const parse = (row: { readonly version: number; readonly document: unknown }, key: string): StoredAlertIncident => {
  const parsed = alertIncidentSchema.safeParse(row.document);
  if (!parsed.success) throw new StoredDataError(`The alert incident record ${key} is stored in a shape Firebreak does not understand.`);
  return { incident: parsed.data, version: row.version };
};

export const readAlertIncident = async (key: string): Promise<StoredAlertIncident | null> => {
  const row = await rows().get(key);
  return row === undefined ? null : parse(row, key);
};

export const alertIncidentWrite = (key: string, incident: AlertIncident, baseVersion: number): VersionedWrite => ({
  entityName: ENTITY,
  key,
  row: { version: baseVersion + 1, sourceId: incident.sourceId, issueId: incident.issue?.id ?? '', document: alertIncidentSchema.parse(incident) } as IncidentRow,
  baseVersion,
});

export const saveAlertIncident = (key: string, incident: AlertIncident, baseVersion: number): Promise<SwapOutcome> => saveTogether([alertIncidentWrite(key, incident, baseVersion)]);

/** The alert record whose current incident is this issue, if any (for the report panel). */
export const readAlertIncidentOfIssue = async (issueId: string): Promise<StoredAlertIncident | null> => {
  const page = await rows().query().index('by-issue', { partition: [issueId] }).limit(1).getMany();
  const first = page.results[0];
  return first === undefined ? null : parse(first.value, first.key);
};

/**
 * The alert records whose current incident is one of these issues, by issue id (the health view's
 * vulnerabilities: which found issues are findings, and from when). One index query per issue, a
 * few at a time; an issue no record points at is left out.
 */
export const readAlertIncidentsOfIssues = async (issueIds: readonly string[]): Promise<Map<string, StoredAlertIncident>> => {
  const ids = [...new Set(issueIds)];
  const records = await mapWithConcurrency(ids, MAX_REQUESTS_IN_FLIGHT, readAlertIncidentOfIssue);
  return new Map(ids.flatMap((id, index) => {
    const record = records[index];
    return record != null && record.incident.issue?.id === id ? [[id, record] as const] : [];
  }));
};
