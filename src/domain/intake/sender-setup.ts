/**
 * intake (issue 17): what protects each kind of source, and what its admin pastes into the sender.
 * Pure text: the settings page shows it, the README repeats it, and the web trigger checks what it
 * promises (`src/entry/intake/receive-delivery.ts`).
 * @see docs/research/intake.md (which sender signs what)
 */
import type { AlertSourceKind } from './incoming-alert';

export type ProtectionScheme = 'signature-timestamp' | 'signature-replay' | 'shared-token';

export interface Protection {
  readonly scheme: ProtectionScheme;
  /** One sentence for the settings page. */
  readonly sentence: string;
}

/** The timestamp header Grafana's contact point is told to send (its name is configurable there; this is the one we check). */
export const GRAFANA_TIMESTAMP_HEADER = 'X-Grafana-Alerting-Timestamp';
export const GRAFANA_SIGNATURE_HEADER = 'X-Grafana-Alerting-Signature';

/** How long a delivery id (Sentry's `Request-ID`, GitHub's `X-GitHub-Delivery`) is remembered when no time is signed. */
export const DELIVERY_ID_MEMORY_DAYS = 7;

export const PROTECTION: Readonly<Record<AlertSourceKind, Protection>> = {
  generic: {
    scheme: 'signature-timestamp',
    sentence: 'Signature and timestamp: the body and the time are signed with the secret (HMAC-SHA256); a request signed more than 5 minutes ago, or sent twice, is refused.',
  },
  grafana: {
    scheme: 'signature-timestamp',
    sentence: `Signature and timestamp: Grafana signs the body and the time with the secret (HMAC-SHA256, with the ${GRAFANA_TIMESTAMP_HEADER} header set); an old or repeated request is refused. Without the timestamp header the body alone is signed and a repeat is absorbed by deduplication.`,
  },
  sentry: {
    scheme: 'signature-replay',
    sentence: `Signature and replay memory: Sentry signs the body with the integration's client secret (HMAC-SHA256); each Request-ID, and each signed body, is accepted once (remembered ${DELIVERY_ID_MEMORY_DAYS} days). Sentry signs no time.`,
  },
  dependabot: {
    scheme: 'signature-replay',
    sentence: `Signature and replay memory: GitHub signs the body with the webhook secret (X-Hub-Signature-256); each X-GitHub-Delivery, and each signed body, is accepted once (remembered ${DELIVERY_ID_MEMORY_DAYS} days). GitHub signs no time.`,
  },
  alertmanager: {
    scheme: 'shared-token',
    sentence: 'Shared token: Alertmanager sends the secret as a Bearer token and signs nothing, so a captured request could be sent again; deduplication keeps it to one incident. Put a signing proxy in front for more.',
  },
  honeybadger: {
    scheme: 'shared-token',
    sentence: 'Shared token: Honeybadger sends the secret as a Bearer token and signs nothing, so a captured request could be sent again; deduplication keeps it to one incident.',
  },
};

export interface SenderExample {
  readonly format: 'shell' | 'yaml' | 'steps';
  readonly text: string;
}

const SECRET_PLACEHOLDER = '<the source secret>';

/**
 * A ready-to-paste request or configuration for the sender. The secret is never in it (the page
 * shows it once, at creation or rotation); the example names the place to put it.
 */
export function senderExample(kind: AlertSourceKind, url: string, sampleBody: string): SenderExample {
  switch (kind) {
    case 'generic':
      return {
        format: 'shell',
        text: [
          `# The secret shown when the source was created or rotated:`,
          `SECRET='${SECRET_PLACEHOLDER}'`,
          `BODY='${sampleBody.replace(/'/g, `'\\''`)}'`,
          `TS=$(date +%s)`,
          `# HMAC-SHA256 of "<timestamp>.<body>", hex`,
          `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')`,
          `curl -sS -X POST '${url}' \\`,
          `  -H 'Content-Type: application/json' \\`,
          `  -H "X-Firebreak-Timestamp: $TS" \\`,
          `  -H "X-Firebreak-Signature: sha256=$SIG" \\`,
          `  --data-binary "$BODY"`,
        ].join('\n'),
      };
    case 'alertmanager':
      return {
        format: 'yaml',
        text: [
          'receivers:',
          '  - name: firebreak',
          '    webhook_configs:',
          `      - url: '${url}'`,
          '        send_resolved: true',
          '        max_alerts: 100',
          '        http_config:',
          '          authorization:',
          '            type: Bearer',
          `            credentials: '${SECRET_PLACEHOLDER}'`,
        ].join('\n'),
      };
    case 'grafana':
      return {
        format: 'steps',
        text: [
          'Alerting → Contact points → Add contact point → Integration: Webhook',
          `URL: ${url}`,
          'HTTP Method: POST',
          'Max Alerts: 100',
          `HMAC Signature → Secret: ${SECRET_PLACEHOLDER}`,
          `HMAC Signature → Header: ${GRAFANA_SIGNATURE_HEADER}`,
          `HMAC Signature → Timestamp header: ${GRAFANA_TIMESTAMP_HEADER}`,
        ].join('\n'),
      };
    case 'sentry':
      return {
        format: 'steps',
        text: [
          'Settings → Developer Settings → Create New Integration → Internal Integration',
          `Webhook URL: ${url}`,
          'Alert Rule Action: on',
          'Save, then copy the integration\'s Client Secret and paste it here with "Use Sentry\'s secret" (Sentry makes that secret; it cannot take ours).',
          'Alerts → an issue alert rule → action "Send a notification via <the integration>"',
        ].join('\n'),
      };
    case 'honeybadger':
      return {
        format: 'steps',
        text: ['Project settings → Alerts & Integrations → Webhook', `URL: ${url}`, `Token (sent as Authorization: Bearer): ${SECRET_PLACEHOLDER}`, 'Events: Occurred, Rate exceeded, Resolved, Unresolved'].join('\n'),
      };
    case 'dependabot':
      return {
        format: 'steps',
        text: ['Repository (or organization) → Settings → Webhooks → Add webhook', `Payload URL: ${url}`, 'Content type: application/json', `Secret: ${SECRET_PLACEHOLDER}`, 'Let me select individual events → Dependabot alerts'].join('\n'),
      };
  }
}
