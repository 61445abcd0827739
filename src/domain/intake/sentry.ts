import { z } from 'zod';

import { accept, clampLine, clampText, hintsFromLabels, instantOrNull, labelsOf, linkOrNull, refusalFromIssues, refuse, screenBody, type ParseResult } from './incoming-alert';
import { text } from './schema-parts';

/**
 * Sentry's issue alert webhook (header `Sentry-Hook-Resource: event_alert`): an alert rule fired on
 * an event. Sentry sends no "resolved" for an issue alert (that is the separate `issue` resource),
 * so every delivery is a firing; the issue id is the identity, so every event of one Sentry issue
 * lands on one incident.
 * @see https://docs.sentry.io/organization/integrations/integration-platform/webhooks/issue-alerts/
 * @see https://docs.sentry.io/organization/integrations/integration-platform/webhooks/
 */

const MAX_TAGS = 200;

const eventSchema = z.object({
  issue_id: z.union([z.string().min(1).max(64), z.number().int().nonnegative()]),
  title: text.optional(),
  message: text.optional(),
  culprit: text.nullish(),
  level: text.optional(),
  web_url: text.optional(),
  issue_url: text.optional(),
  datetime: text.optional(),
  environment: text.nullish(),
  release: text.nullish(),
  metadata: z.object({ value: text.optional(), type: text.optional() }).optional(),
  /** `[["environment", "production"], …]`: pairs, not an object. */
  tags: z.array(z.tuple([z.string().max(200), z.string().max(1024)])).max(MAX_TAGS).optional(),
});

const issueAlertSchema = z.object({
  action: z.literal('triggered'),
  data: z.object({
    event: eventSchema,
    triggered_rule: text.optional(),
  }),
});

/** Parses one `event_alert` delivery; the caller checked `Sentry-Hook-Resource` and the signature. */
export function parseSentryIssueAlert(body: unknown): ParseResult {
  const screened = screenBody('sentry', body);
  if (screened !== null) return refuse(screened);
  const parsed = issueAlertSchema.safeParse(body);
  if (!parsed.success) return refuse(refusalFromIssues('sentry', parsed.error));
  const { event, triggered_rule: rule } = parsed.data.data;

  const labels = labelsOf([
    ...(event.tags ?? []),
    ...(event.level === undefined ? [] : [['level', event.level] as const]),
    ...(event.environment === null || event.environment === undefined ? [] : [['environment', event.environment] as const]),
    ...(rule === undefined ? [] : [['sentry_rule', rule] as const]),
  ]);
  const title = event.title ?? event.metadata?.value ?? event.message ?? 'Sentry issue';
  const description = [event.metadata?.value, event.culprit === null || event.culprit === undefined ? undefined : `In ${event.culprit}.`, event.release === null || event.release === undefined ? undefined : `Release ${event.release}.`]
    .filter((part): part is string => part !== undefined && part !== '')
    .join('\n');
  return accept([
    {
      kind: 'sentry',
      fingerprint: String(event.issue_id),
      status: 'firing',
      title: clampLine(title),
      description: clampText(description),
      labels,
      startedAt: instantOrNull(event.datetime),
      endedAt: null,
      link: linkOrNull(event.web_url) ?? linkOrNull(event.issue_url),
      hints: hintsFromLabels(labels),
      advisory: null,
    },
  ]);
}
