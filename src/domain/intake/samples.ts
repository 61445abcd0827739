/**
 * intake (issue 17): one sample body per source kind, for "Send test alert" (the settings page and
 * the sandbox's control API). Shaped like the fixtures in test/fixtures/alerts/ (the providers'
 * documented shapes, our own values), smaller, and marked as tests in their titles so nobody takes
 * the incident they open for a real outage. Pure: the time comes in as `now`, and the fingerprint
 * is fixed per kind so a second test alert updates the first one's incident instead of opening another.
 * @see docs/research/intake.md
 */
import type { AlertSourceKind } from './incoming-alert';

const TEST_TITLE = 'Firebreak test alert: checkout error rate above 2%';
const TEST_DESCRIPTION = 'Sent from the alert source settings to check the connection. Nothing is wrong.';

/** The body a sender of this kind would POST, as a JSON-ready object. */
export function sampleAlertBody(kind: AlertSourceKind, nowIso: string): Record<string, unknown> {
  switch (kind) {
    case 'alertmanager':
    case 'grafana': {
      const labels = { alertname: 'FirebreakTestAlert', service: 'checkout', severity: 'page', env: 'production' };
      const annotations = { summary: TEST_TITLE, description: TEST_DESCRIPTION };
      const alert = {
        status: 'firing',
        labels,
        annotations,
        startsAt: nowIso,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'https://prometheus.example.com/graph?g0.expr=checkout_error_ratio',
        fingerprint: 'f1rebreak7e57a1e',
      };
      const common = { receiver: 'firebreak', status: 'firing', alerts: [alert], groupLabels: { alertname: 'FirebreakTestAlert' }, commonLabels: labels, commonAnnotations: annotations, externalURL: 'https://alertmanager.example.com', groupKey: '{}:{alertname="FirebreakTestAlert"}', truncatedAlerts: 0 };
      return kind === 'alertmanager'
        ? { version: '4', ...common }
        : { version: '1', orgId: 1, title: `[FIRING:1] ${TEST_TITLE}`, state: 'alerting', message: TEST_DESCRIPTION, ...common, alerts: [{ ...alert, silenceURL: 'https://grafana.example.com/alerting/silence/new', dashboardURL: '', panelURL: '', values: { A: 2.4 } }] };
    }
    case 'sentry':
      return {
        action: 'triggered',
        installation: { uuid: '00000000-0000-4000-8000-000000000017' },
        actor: { type: 'application', id: 'sentry', name: 'Sentry' },
        data: {
          event: {
            event_id: 'f1e7ba5e000040008000000000000017',
            issue_id: '17',
            issue_url: 'https://sentry.io/api/0/issues/17/',
            url: 'https://sentry.io/api/0/projects/example/checkout/events/f1e7ba5e000040008000000000000017/',
            web_url: 'https://example.sentry.io/issues/17/',
            title: TEST_TITLE,
            culprit: 'firebreak(test)',
            message: TEST_DESCRIPTION,
            level: 'error',
            platform: 'javascript',
            datetime: nowIso,
            environment: 'production',
            metadata: { type: 'FirebreakTest', value: TEST_DESCRIPTION },
            tags: [['environment', 'production'], ['service', 'checkout']],
          },
          triggered_rule: 'Firebreak test',
          issue_alert: { title: 'Firebreak test', settings: [] },
        },
      };
    case 'honeybadger':
      return {
        event: 'occurred',
        message: `[Checkout/production] ${TEST_TITLE}`,
        project: { id: 17, name: 'Checkout' },
        fault: {
          id: 17,
          project_id: 17,
          klass: 'FirebreakTestAlert',
          component: 'checkout',
          action: 'test',
          environment: 'production',
          resolved: false,
          ignored: false,
          created_at: nowIso,
          message: TEST_DESCRIPTION,
          notices_count: 1,
          last_notice_at: nowIso,
          tags: ['firebreak-test'],
          url: 'https://app.honeybadger.io/projects/17/faults/17',
        },
      };
    case 'dependabot':
      return {
        action: 'created',
        alert: {
          number: 17,
          state: 'open',
          dependency: { package: { ecosystem: 'npm', name: 'firebreak-test-package' }, manifest_path: 'package-lock.json', scope: 'runtime' },
          security_advisory: {
            ghsa_id: 'GHSA-f1re-brea-k7st',
            cve_id: 'CVE-2026-0017',
            summary: 'Firebreak test advisory: nothing is vulnerable',
            description: TEST_DESCRIPTION,
            severity: 'high',
            cvss: { vector_string: null, score: 7.5 },
            identifiers: [{ value: 'CVE-2026-0017', type: 'CVE' }],
            references: [],
          },
          security_vulnerability: { package: { ecosystem: 'npm', name: 'firebreak-test-package' }, severity: 'high', vulnerable_version_range: '< 1.0.1', first_patched_version: { identifier: '1.0.1' } },
          html_url: 'https://github.com/example/shop/security/dependabot/17',
          created_at: nowIso,
          fixed_at: null,
          dismissed_at: null,
        },
        repository: { name: 'shop', full_name: 'example/shop', html_url: 'https://github.com/example/shop' },
      };
    case 'generic':
      return {
        version: '1',
        alerts: [
          {
            id: 'firebreak-test-alert',
            status: 'firing',
            title: TEST_TITLE,
            description: TEST_DESCRIPTION,
            startedAt: nowIso,
            link: 'https://monitoring.example.com/checks/checkout-errors',
            labels: { severity: 'page' },
            environment: 'production',
            service: 'checkout',
          },
        ],
      };
  }
}
