import { describe, expect, it } from 'vitest';

import alertmanagerFiring from '../../../test/fixtures/alerts/alertmanager-firing.json';
import alertmanagerResolved from '../../../test/fixtures/alerts/alertmanager-resolved.json';
import dependabotCreated from '../../../test/fixtures/alerts/dependabot-alert-created.json';
import genericFiring from '../../../test/fixtures/alerts/generic-firing.json';
import grafanaFiring from '../../../test/fixtures/alerts/grafana-firing.json';
import grafanaResolved from '../../../test/fixtures/alerts/grafana-resolved.json';
import honeybadgerOccurred from '../../../test/fixtures/alerts/honeybadger-occurred.json';
import sentryIssueAlert from '../../../test/fixtures/alerts/sentry-issue-alert.json';
import type { IncomingAlert, ParseResult } from './incoming-alert';
import { parseAlert } from './parse-alert';

/** The alerts of an accepted body; fails the test with the refusal otherwise. */
const alertsOf = (result: ParseResult): readonly IncomingAlert[] => {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.alerts;
};

describe('each fixture parses to the alerts it describes', () => {
  it('Alertmanager firing: one alert per element, fingerprint, summary as title, labels as hints', () => {
    const alerts = alertsOf(parseAlert('alertmanager', alertmanagerFiring));
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toEqual({
      kind: 'alertmanager',
      fingerprint: '7c1e0a9d43b2f615',
      status: 'firing',
      title: 'Checkout is burning its error budget 14x faster than allowed',
      description: '5xx ratio on POST /api/checkout is 4.2% over the last 5 minutes in eu-west-1 (objective 0.3%).',
      labels: { alertname: 'CheckoutErrorBudgetBurn', service: 'checkout', severity: 'page', env: 'production', region: 'eu-west-1', customer: 'Northwind' },
      startedAt: '2026-11-30T21:14:05.120Z',
      endedAt: null,
      link: 'https://prometheus.shop.example:9090/graph?g0.expr=checkout%3Aerror_ratio5m+%3E+0.042&g0.tab=1',
      hints: { environment: 'production', service: 'checkout', customer: 'Northwind', severity: 'page' },
      advisory: null,
    });
    expect(alerts[1]?.fingerprint).toBe('e0b4419a8c2d7703');
    expect(alerts[1]?.hints.customer).toBeNull();
  });

  it('Alertmanager resolved: the same fingerprint, resolved, with its end', () => {
    const [alert] = alertsOf(parseAlert('alertmanager', alertmanagerResolved));
    expect(alert).toMatchObject({ fingerprint: '7c1e0a9d43b2f615', status: 'resolved', startedAt: '2026-11-30T21:14:05.120Z', endedAt: '2026-11-30T21:52:35.120Z' });
  });

  it('Grafana firing and resolved: the panel is the link, the fingerprint is stable', () => {
    const [firing] = alertsOf(parseAlert('grafana', grafanaFiring));
    expect(firing).toMatchObject({
      kind: 'grafana',
      fingerprint: 'a41d5e7b90c3f228',
      status: 'firing',
      title: 'Search p95 latency is 2.8 s (threshold 1.2 s)',
      link: 'https://grafana.shop.example/d/storefront-search?orgId=1&viewPanel=4',
      hints: { environment: 'production', service: 'search', customer: null, severity: 'critical' },
      endedAt: null,
    });
    const [resolved] = alertsOf(parseAlert('grafana', grafanaResolved));
    expect(resolved).toMatchObject({ fingerprint: 'a41d5e7b90c3f228', status: 'resolved', endedAt: '2026-11-30T22:06:00.000Z' });
  });

  it('Sentry issue alert: the issue id is the fingerprint, tags are labels, the event page is the link', () => {
    const [alert] = alertsOf(parseAlert('sentry', sentryIssueAlert));
    expect(alert).toMatchObject({
      kind: 'sentry',
      fingerprint: '4511873902',
      status: 'firing',
      title: "TypeError: Cannot read properties of undefined (reading 'total')",
      startedAt: '2026-11-30T21:22:48.311Z',
      link: 'https://shop.sentry.io/issues/4511873902/events/9f3b2c1d0e4a4b5c8d7e6f5a4b3c2d1e/',
      hints: { environment: 'production', customer: 'Northwind', severity: 'error' },
    });
    expect(alert?.labels['sentry_rule']).toBe('New error in basket, production');
    expect(alert?.description).toContain('In renderBasketSummary(app/basket/summary).');
  });

  it('Honeybadger occurred: the fault id is the fingerprint, key:value tags become labels', () => {
    const [alert] = alertsOf(parseAlert('honeybadger', honeybadgerOccurred));
    expect(alert).toMatchObject({
      kind: 'honeybadger',
      fingerprint: '119384772',
      status: 'firing',
      title: "Stripe::CardError: Your card's security code is incorrect.",
      startedAt: '2026-11-30T21:28:40.000Z',
      link: 'https://app.honeybadger.io/projects/88412/faults/119384772',
      hints: { environment: 'production', service: 'payments', customer: 'northwind' },
    });
    expect(alert?.labels['tag:checkout']).toBe('true');
    expect(alert?.description).toMatch(/\nSeen 3 times\.$/);
    // The incident’s report reads this sentence: one notice is "once", as the panel says "Alert fired once".
    const once = alertsOf(parseAlert('honeybadger', { ...honeybadgerOccurred, fault: { ...honeybadgerOccurred.fault, notices_count: 1 } }))[0];
    expect(once?.description).toMatch(/\nSeen once\.$/);
  });

  it('Dependabot created: CVE and package are the identity, the best CVSS score and the fix are kept', () => {
    const [alert] = alertsOf(parseAlert('dependabot', dependabotCreated));
    expect(alert).toMatchObject({
      kind: 'dependabot',
      fingerprint: 'CVE-2026-31337/npm/fast-xml-parser',
      status: 'firing',
      title: 'CVE-2026-31337 in fast-xml-parser: fast-xml-parser allows prototype pollution through crafted tag names',
      link: 'https://github.com/shop-example/storefront/security/dependabot/42',
      hints: { service: 'shop-example/storefront', severity: 'critical' },
      advisory: { cveId: 'CVE-2026-31337', ghsaId: 'GHSA-7x2q-9m4f-hp3c', cvssScore: 9.8, packageName: 'fast-xml-parser', ecosystem: 'npm', fixedVersion: '5.2.6' },
    });
    expect(alert?.description).toContain('Fixed in 5.2.6.');
  });

  it('generic: its own ids, hints from the fields, an advisory when it carries one', () => {
    const alerts = alertsOf(parseAlert('generic', genericFiring));
    expect(alerts.map((alert) => alert.fingerprint)).toEqual(['nightly-invoice-export', 'CVE-2026-40001:maven/org.example:xml-kit']);
    expect(alerts[0]).toMatchObject({ hints: { environment: 'production', service: 'billing', customer: 'all customers', severity: 'major' }, advisory: null });
    expect(alerts[1]?.advisory).toEqual({ cveId: 'CVE-2026-40001', ghsaId: null, cvssScore: 7.5, packageName: 'maven/org.example:xml-kit', ecosystem: null, fixedVersion: '3.4.2' });
  });
});

describe('what a sender may leave out, and what it says that is not an alert', () => {
  it('Alertmanager without fingerprints: the label set is the identity, whatever the key order', () => {
    const body = structuredClone(alertmanagerFiring) as { alerts: Array<Record<string, unknown>> };
    for (const alert of body.alerts) delete alert['fingerprint'];
    const reordered = structuredClone(body);
    const first = reordered.alerts[0]!;
    first['labels'] = Object.fromEntries(Object.entries(first['labels'] as Record<string, string>).reverse());
    expect(alertsOf(parseAlert('alertmanager', body))[0]?.fingerprint).toBe(alertsOf(parseAlert('alertmanager', reordered))[0]?.fingerprint);
  });

  it('a truncated group is accepted with a note that says what was left out', () => {
    const result = parseAlert('alertmanager', { ...alertmanagerFiring, truncatedAlerts: 7 });
    expect(result.ok && result.note).toContain('7 more alerts');
  });

  it('Honeybadger and Dependabot events that are not alerts are accepted with nothing raised', () => {
    const commented = parseAlert('honeybadger', { ...honeybadgerOccurred, event: 'commented' });
    expect(commented).toMatchObject({ ok: true, alerts: [] });
    expect(commented.ok && commented.note).toContain('"commented"');
    expect(parseAlert('dependabot', { ...dependabotCreated, action: 'assignees_changed' })).toMatchObject({ ok: true, alerts: [] });
  });

  it('a fixed Dependabot alert resolves the same incident', () => {
    const fixed = { ...dependabotCreated, action: 'fixed', alert: { ...dependabotCreated.alert, state: 'fixed', fixed_at: '2026-12-01T06:00:00Z' } };
    expect(alertsOf(parseAlert('dependabot', fixed))[0]).toMatchObject({ fingerprint: 'CVE-2026-31337/npm/fast-xml-parser', status: 'resolved', endedAt: '2026-12-01T06:00:00.000Z' });
    expect(alertsOf(parseAlert('dependabot', { ...dependabotCreated, action: 'auto_reopened' }))[0]?.status).toBe('firing');
  });

  it('an advisory with only a GHSA id and no score keeps the GHSA as identity and no score', () => {
    const advisory = { ...dependabotCreated.alert.security_advisory, cve_id: null, cvss: { vector_string: null, score: 0 }, cvss_severities: null };
    const body = { ...dependabotCreated, alert: { ...dependabotCreated.alert, security_advisory: advisory } };
    expect(alertsOf(parseAlert('dependabot', body))[0]?.advisory).toMatchObject({ cveId: null, cvssScore: null });
    expect(alertsOf(parseAlert('dependabot', body))[0]?.fingerprint).toBe('GHSA-7x2q-9m4f-hp3c/npm/fast-xml-parser');
  });

  it('a long title is cut to Jira\'s 255 characters, and a non-http link is dropped', () => {
    const body = { version: '1', alerts: [{ id: 'x', status: 'firing', title: 'word '.repeat(200), link: 'javascript:alert(1)' }] };
    const [alert] = alertsOf(parseAlert('generic', body));
    expect(alert?.title.length).toBe(255);
    expect(alert?.title.endsWith('…')).toBe(true);
    expect(alert?.link).toBeNull();
  });
});
