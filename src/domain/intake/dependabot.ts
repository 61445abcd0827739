import { z } from 'zod';

import { accept, clampLine, clampText, instantOrNull, labelsOf, linkOrNull, refusalFromIssues, refuse, screenBody, type AlertStatus, type ParseResult } from './incoming-alert';
import { text } from './schema-parts';

/**
 * GitHub's `dependabot_alert` webhook (header `X-GitHub-Event: dependabot_alert`). Created,
 * reopened and reintroduced alerts are firing findings; fixed and dismissed ones are resolved.
 * Deduplication is by CVE (or GHSA when there is no CVE) and package, so one vulnerable package
 * is one incident however many manifests or repositories report it.
 * @see https://docs.github.com/en/webhooks/webhook-events-and-payloads#dependabot_alert
 * @see https://docs.github.com/en/rest/dependabot/alerts (the `alert` object's schema)
 * @see https://github.blog/changelog/2022-10-06-new-dependabot-alerts-webhook/ (the actions)
 */

const ACTIONS: Readonly<Record<string, AlertStatus>> = {
  created: 'firing',
  reopened: 'firing',
  reintroduced: 'firing',
  auto_reopened: 'firing',
  fixed: 'resolved',
  dismissed: 'resolved',
  auto_dismissed: 'resolved',
};

const packageSchema = z.object({ ecosystem: z.string().min(1).max(64), name: z.string().min(1).max(512) });
const scoreSchema = z.object({ score: z.number().min(0).max(10).nullish() }).nullish();

const alertSchema = z.object({
  number: z.number().int().positive(),
  html_url: text.optional(),
  created_at: text.optional(),
  fixed_at: text.nullish(),
  dismissed_at: text.nullish(),
  auto_dismissed_at: text.nullish(),
  dependency: z.object({ package: packageSchema, manifest_path: text.optional(), scope: z.string().max(32).nullish() }),
  security_advisory: z.object({
    ghsa_id: z.string().min(1).max(64),
    cve_id: z.string().max(64).nullish(),
    summary: text,
    description: text.optional(),
    severity: z.string().max(32).optional(),
    cvss: scoreSchema,
    cvss_severities: z.object({ cvss_v3: scoreSchema, cvss_v4: scoreSchema }).nullish(),
  }),
  security_vulnerability: z.object({
    package: packageSchema,
    vulnerable_version_range: text.optional(),
    first_patched_version: z.object({ identifier: z.string().min(1).max(128) }).nullish(),
  }),
});

const eventSchema = z.object({
  action: z.string().min(1).max(64),
  alert: alertSchema,
  repository: z.object({ full_name: z.string().min(1).max(256) }).optional(),
});

/** GitHub sends 0 (and, for v4, a null vector) when a version has no score: the newest real one wins. */
const bestScore = (advisory: z.infer<typeof alertSchema>['security_advisory']): number | null => {
  for (const score of [advisory.cvss_severities?.cvss_v4?.score, advisory.cvss_severities?.cvss_v3?.score, advisory.cvss?.score]) {
    if (typeof score === 'number' && score > 0) return score;
  }
  return null;
};

export function parseDependabotAlert(body: unknown): ParseResult {
  const screened = screenBody('dependabot', body);
  if (screened !== null) return refuse(screened);
  const action = (body as { action?: unknown }).action;
  const status = typeof action === 'string' ? ACTIONS[action] : undefined;
  if (typeof action === 'string' && status === undefined) {
    return accept([], `A Dependabot alert "${action.slice(0, 64)}" event changes nothing Firebreak tracks; nothing was raised.`);
  }
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success || status === undefined) return refuse(parsed.success ? 'The GitHub Dependabot request was refused: "action" is missing.' : refusalFromIssues('dependabot', parsed.error));
  const { alert, repository } = parsed.data;
  const advisory = alert.security_advisory;
  const pkg = alert.security_vulnerability.package;
  const cveId = advisory.cve_id === null || advisory.cve_id === undefined || advisory.cve_id === '' ? null : advisory.cve_id;
  const id = cveId ?? advisory.ghsa_id;
  const cvssScore = bestScore(advisory);
  const fixedVersion = alert.security_vulnerability.first_patched_version?.identifier ?? null;

  const labels = labelsOf(
    [
      ['ecosystem', pkg.ecosystem],
      ['package', pkg.name],
      ['ghsa', advisory.ghsa_id],
      ['cve', cveId],
      ['github_severity', advisory.severity],
      ['manifest', alert.dependency.manifest_path],
      ['scope', alert.dependency.scope],
      ['repository', repository?.full_name],
    ].filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''),
  );
  const fix = fixedVersion === null ? 'No patched version is published yet.' : `Fixed in ${fixedVersion}.`;
  const range = alert.security_vulnerability.vulnerable_version_range;
  return accept([
    {
      kind: 'dependabot',
      fingerprint: `${id}/${pkg.ecosystem}/${pkg.name}`,
      status,
      title: clampLine(`${id} in ${pkg.name}: ${advisory.summary}`),
      description: clampText([advisory.description ?? '', range === undefined ? '' : `Vulnerable versions: ${range}.`, fix].filter((part) => part !== '').join('\n\n')),
      labels,
      startedAt: instantOrNull(alert.created_at),
      endedAt: status === 'resolved' ? instantOrNull(alert.fixed_at ?? alert.dismissed_at ?? alert.auto_dismissed_at) : null,
      link: linkOrNull(alert.html_url),
      hints: { environment: null, service: repository?.full_name ?? null, customer: null, severity: advisory.severity ?? null },
      advisory: { cveId, ghsaId: advisory.ghsa_id, cvssScore, packageName: pkg.name, ecosystem: pkg.ecosystem, fixedVersion },
    },
  ]);
}
