import { z } from 'zod';

import {
  accept,
  clampLine,
  clampText,
  hintsFromLabels,
  instantOrNull,
  labelsOf,
  linkOrNull,
  MAX_ALERTS_PER_REQUEST,
  refusalFromIssues,
  refuse,
  screenBody,
  sourceName,
  type IncomingAlert,
  type ParseResult,
} from './incoming-alert';
import { alertList, annotationMap, labelMap, text } from './schema-parts';

/**
 * Alertmanager's webhook (`version: "4"`) and Grafana's unified-alerting webhook share one shape:
 * Grafana's contact point sends Alertmanager's message plus a few fields of its own.
 * @see https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 * @see https://github.com/prometheus/alertmanager/blob/main/notify/webhook/webhook.go (`Message`)
 * @see https://github.com/prometheus/alertmanager/blob/main/template/template.go (`Data`, `Alert`)
 * @see https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/
 */

const alertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelMap,
  annotations: annotationMap.default({}),
  startsAt: text,
  endsAt: text.optional(),
  generatorURL: text.optional(),
  /** Alertmanager sends it since 0.19; without it the labels are the identity (see below). */
  fingerprint: z.string().min(1).max(128).optional(),
  /** Grafana only: the panel or dashboard is a better link than the rule editor. */
  panelURL: text.optional(),
  dashboardURL: text.optional(),
});

const messageSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  alerts: alertList(alertSchema),
  commonAnnotations: annotationMap.default({}),
  externalURL: text.optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
});

/** Alertmanager's own identity of an alert is its label set; this keeps that when `fingerprint` is absent. */
const fingerprintFromLabels = (labels: Readonly<Record<string, string>>): string =>
  Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(',');

function parsePrometheusStyle(kind: 'alertmanager' | 'grafana', body: unknown, capSetting: string): ParseResult {
  const screened = screenBody(kind, body);
  if (screened !== null) return refuse(screened);
  const alerts = (body as { alerts?: unknown }).alerts;
  if (Array.isArray(alerts) && alerts.length > MAX_ALERTS_PER_REQUEST) {
    return refuse(`The ${sourceName(kind)} request was refused: it carries ${alerts.length} alerts, more than the ${MAX_ALERTS_PER_REQUEST} one request may. Set ${capSetting} to ${MAX_ALERTS_PER_REQUEST} or fewer.`);
  }
  const parsed = messageSchema.safeParse(body);
  if (!parsed.success) return refuse(refusalFromIssues(kind, parsed.error));
  const message = parsed.data;

  const result = message.alerts.map((alert): IncomingAlert => {
    const labels = labelsOf(Object.entries(alert.labels));
    const annotations = { ...message.commonAnnotations, ...alert.annotations };
    const title = annotations['summary'] ?? annotations['title'] ?? labels['alertname'] ?? 'Alert without a name';
    return {
      kind,
      fingerprint: alert.fingerprint ?? fingerprintFromLabels(labels),
      status: alert.status,
      title: clampLine(title),
      description: clampText(annotations['description'] ?? annotations['message'] ?? ''),
      labels,
      startedAt: instantOrNull(alert.startsAt),
      endedAt: alert.status === 'resolved' ? instantOrNull(alert.endsAt) : null,
      link: linkOrNull(alert.panelURL) ?? linkOrNull(alert.dashboardURL) ?? linkOrNull(alert.generatorURL) ?? linkOrNull(message.externalURL),
      hints: hintsFromLabels(labels),
      advisory: null,
    };
  });
  const truncated = message.truncatedAlerts ?? 0;
  const note = truncated > 0 ? `${sourceName(kind)} left ${truncated} more alerts of this group out of the request (${capSetting}); Firebreak never saw them, so raise that setting if they matter.` : null;
  return accept(result, note);
}

/** @see https://prometheus.io/docs/alerting/latest/configuration/#webhook_config */
export const parseAlertmanager = (body: unknown): ParseResult => parsePrometheusStyle('alertmanager', body, 'the receiver\'s max_alerts');

/** @see https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/ */
export const parseGrafana = (body: unknown): ParseResult => parsePrometheusStyle('grafana', body, 'the contact point\'s Max Alerts');
