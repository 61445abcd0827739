import { kvs } from '@forge/kvs';
import { z } from 'zod';

import type { IncomingAlert } from '../domain/intake/incoming-alert';

/**
 * intake (issue 17): the last request each source's web trigger accepted (or "Send test alert"
 * sent), for the settings page: when, what it said, and its alerts as parsed (clipped), which the
 * mapping-rule preview runs against. A plain key per source, overwritten by every accepted request;
 * refusals write nothing (a stranger's requests must cost no storage and change nothing).
 */
const keyOf = (sourceId: string): string => `alert-source-activity:${sourceId}`;

/** Enough alerts for a preview; the record stays far below KVS's 240 KiB per value. */
export const MAX_REMEMBERED_ALERTS = 10;
const MAX_REMEMBERED_DESCRIPTION = 500;

const alertSchema = z.object({
  kind: z.string(),
  fingerprint: z.string(),
  status: z.enum(['firing', 'resolved']),
  title: z.string(),
  description: z.string(),
  labels: z.record(z.string(), z.string()),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  link: z.string().nullable(),
  hints: z.object({ environment: z.string().nullable(), service: z.string().nullable(), customer: z.string().nullable(), severity: z.string().nullable() }),
  advisory: z
    .object({ cveId: z.string().nullable(), ghsaId: z.string().nullable(), cvssScore: z.number().nullable(), packageName: z.string(), ecosystem: z.string().nullable(), fixedVersion: z.string().nullable() })
    .nullable(),
});

const activitySchema = z.object({
  receivedAt: z.string(),
  test: z.boolean(),
  /** What the back office answered, in its words. */
  message: z.string(),
  /** The parser's note (events it ignored), or null. */
  note: z.string().nullable(),
  alertCount: z.number().int().nonnegative(),
  alerts: z.array(alertSchema).max(MAX_REMEMBERED_ALERTS),
});
export type SourceActivity = z.infer<typeof activitySchema>;

export const clipAlerts = (alerts: readonly IncomingAlert[]): SourceActivity['alerts'] =>
  alerts.slice(0, MAX_REMEMBERED_ALERTS).map((alert) => ({
    ...alert,
    labels: { ...alert.labels },
    hints: { ...alert.hints },
    advisory: alert.advisory === null ? null : { ...alert.advisory },
    description: alert.description.length > MAX_REMEMBERED_DESCRIPTION ? `${alert.description.slice(0, MAX_REMEMBERED_DESCRIPTION - 1)}…` : alert.description,
  }));

export const recordSourceActivity = async (sourceId: string, activity: SourceActivity): Promise<void> => {
  await kvs.set(keyOf(sourceId), activitySchema.parse(activity));
};

/** The last accepted request; null before the first, or when what is stored is not understood. */
export const readSourceActivity = async (sourceId: string): Promise<SourceActivity | null> => {
  const parsed = activitySchema.safeParse(await kvs.get(keyOf(sourceId)));
  return parsed.success ? parsed.data : null;
};

export const deleteSourceActivity = async (sourceId: string): Promise<void> => {
  await kvs.delete(keyOf(sourceId));
};

/** The remembered alerts as the parsers made them (the kind is the source's). */
export const alertsOf = (activity: SourceActivity): IncomingAlert[] => activity.alerts as IncomingAlert[];
