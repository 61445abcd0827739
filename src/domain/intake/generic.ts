import { z } from 'zod';

import { accept, clampLine, clampText, hintsFromLabels, instantOrNull, labelsOf, linkOrNull, MAX_ALERTS_PER_REQUEST, refusalFromIssues, refuse, screenBody, type ParseResult } from './incoming-alert';
import { alertList, labelMap, text } from './schema-parts';

/**
 * Firebreak's own shape, for any tool without a parser here (a cron monitor, an image scanner, a
 * script). Documented in docs/research/intake.md ("The generic shape"); signed with
 * `X-Firebreak-Signature` over `${timestamp}.${body}` (src/entry/intake/signature.ts).
 *
 * {
 *   "version": "1",
 *   "alerts": [{
 *     "id": "stable id of the condition",          required: repeats update one incident
 *     "status": "firing" | "resolved",              required
 *     "title": "one line",                          required
 *     "description", "startedAt", "endedAt", "link", "labels": {…},
 *     "environment", "service", "customer", "severity",
 *     "advisory": { "cve", "cvss", "package", "ecosystem", "fixedVersion" }   for vulnerability findings
 *   }]
 * }
 */

const CVE = /^CVE-\d{4}-\d{4,}$/;

const advisorySchema = z.object({
  cve: z.string().regex(CVE, 'should look like CVE-2026-12345').nullish(),
  cvss: z.number().min(0).max(10).nullish(),
  package: z.string().min(1).max(512),
  ecosystem: z.string().min(1).max(64).nullish(),
  fixedVersion: z.string().min(1).max(128).nullish(),
});

const optionalWord = z.string().max(256).nullish();

const alertSchema = z.object({
  id: z.string().min(1).max(256),
  status: z.enum(['firing', 'resolved']),
  title: z.string().min(1).max(1024),
  description: text.nullish(),
  startedAt: text.nullish(),
  endedAt: text.nullish(),
  link: text.nullish(),
  labels: labelMap.optional(),
  environment: optionalWord,
  service: optionalWord,
  customer: optionalWord,
  severity: optionalWord,
  advisory: advisorySchema.nullish(),
});

export const genericBodySchema = z.object({
  version: z.literal('1'),
  alerts: alertList(alertSchema),
});

export type GenericAlertBody = z.input<typeof genericBodySchema>;

const orNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value.trim() === '' ? null : value.trim());

export function parseGenericAlert(body: unknown): ParseResult {
  const screened = screenBody('generic', body);
  if (screened !== null) return refuse(screened);
  const alerts = (body as { alerts?: unknown }).alerts;
  if (Array.isArray(alerts) && alerts.length > MAX_ALERTS_PER_REQUEST) {
    return refuse(`The generic alert request was refused: it carries ${alerts.length} alerts, more than the ${MAX_ALERTS_PER_REQUEST} one request may. Send them in smaller batches.`);
  }
  const parsed = genericBodySchema.safeParse(body);
  if (!parsed.success) return refuse(refusalFromIssues('generic', parsed.error));

  return accept(
    parsed.data.alerts.map((alert) => {
      const labels = labelsOf(Object.entries(alert.labels ?? {}));
      const fromLabels = hintsFromLabels(labels);
      const advisory = alert.advisory ?? null;
      return {
        kind: 'generic' as const,
        fingerprint: alert.id,
        status: alert.status,
        title: clampLine(alert.title),
        description: clampText(alert.description ?? ''),
        labels,
        startedAt: instantOrNull(alert.startedAt),
        endedAt: alert.status === 'resolved' ? instantOrNull(alert.endedAt) : null,
        link: linkOrNull(alert.link),
        hints: {
          environment: orNull(alert.environment) ?? fromLabels.environment,
          service: orNull(alert.service) ?? fromLabels.service,
          customer: orNull(alert.customer) ?? fromLabels.customer,
          severity: orNull(alert.severity) ?? fromLabels.severity,
        },
        advisory:
          advisory === null
            ? null
            : {
                cveId: advisory.cve ?? null,
                ghsaId: null,
                cvssScore: advisory.cvss === null || advisory.cvss === undefined || advisory.cvss === 0 ? null : advisory.cvss,
                packageName: advisory.package,
                ecosystem: advisory.ecosystem ?? null,
                fixedVersion: advisory.fixedVersion ?? null,
              },
      };
    }),
  );
}
