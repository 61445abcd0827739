import { describe, expect, it } from 'vitest';

import alertmanagerFiring from '../../../test/fixtures/alerts/alertmanager-firing.json';
import dependabotCreated from '../../../test/fixtures/alerts/dependabot-alert-created.json';
import sentryIssueAlert from '../../../test/fixtures/alerts/sentry-issue-alert.json';
import type { AlertSourceKind } from './incoming-alert';
import { parseAlert } from './parse-alert';

/** The refusal sentence, or a failure when the body was accepted. */
const reasonFor = (kind: AlertSourceKind, body: unknown): string => {
  const result = parseAlert(kind, body);
  if (result.ok) throw new Error(`accepted ${String(result.alerts.length)} alerts`);
  return result.reason;
};

const KINDS: readonly AlertSourceKind[] = ['alertmanager', 'grafana', 'sentry', 'honeybadger', 'dependabot', 'generic'];

const firingAlert = (index: number) => ({ status: 'firing', labels: { alertname: `A${String(index)}` }, annotations: {}, startsAt: '2026-12-01T00:00:00Z', fingerprint: `f${String(index)}` });

describe('a body that is not a JSON object is refused by every parser, in a sentence', () => {
  it.each(KINDS.flatMap((kind) => [null, 42, 'text', [], [{}], true].map((body) => [kind, body] as const)))('%s refuses %j', (kind, body) => {
    expect(reasonFor(kind, body)).toMatch(/request was refused: its body must be a JSON object\.$/);
  });
});

describe('hostile or broken bodies are refused with what is wrong', () => {
  it('a missing field is named', () => {
    const { alerts: _alerts, ...withoutAlerts } = alertmanagerFiring;
    expect(reasonFor('alertmanager', withoutAlerts)).toBe('The Alertmanager request was refused: "alerts" is missing.');
    expect(reasonFor('sentry', { action: 'triggered', data: {} })).toBe('The Sentry request was refused: "data.event" is missing.');
  });

  it('a wrong type is named with what was expected', () => {
    const body = { ...alertmanagerFiring, alerts: [{ ...alertmanagerFiring.alerts[0], labels: { severity: 5 } }] };
    expect(reasonFor('alertmanager', body)).toBe('The Alertmanager request was refused: "alerts[0].labels.severity" should be a string.');
    expect(reasonFor('grafana', { ...alertmanagerFiring, status: 'exploded' })).toBe('The Grafana request was refused: "status" should be one of "firing", "resolved".');
  });

  it('an empty alert list is refused', () => {
    expect(reasonFor('generic', { version: '1', alerts: [] })).toBe('The generic alert request was refused: "alerts" has no items.');
  });

  it('more than 100 alerts in one request are refused, saying which setting caps them', () => {
    const body = { ...alertmanagerFiring, alerts: Array.from({ length: 101 }, (_, index) => firingAlert(index)) };
    expect(reasonFor('alertmanager', body)).toMatch(/carries 101 alerts, more than the 100 one request may\. Set the receiver's max_alerts to 100 or fewer\.$/);
    expect(reasonFor('grafana', body)).toMatch(/Max Alerts/);
    expect(parseAlert('alertmanager', { ...body, alerts: body.alerts.slice(0, 100) }).ok).toBe(true);
  });

  it('a huge array anywhere in the body and a deep nest are refused before any schema', () => {
    const wide = { ...sentryIssueAlert, extra: Array.from({ length: 60_000 }, () => 0) };
    expect(reasonFor('sentry', wide)).toMatch(/more than 50000 values/);
    let deep: unknown = 'bottom';
    for (let level = 0; level < 40; level += 1) deep = { next: deep };
    expect(reasonFor('generic', { version: '1', alerts: [], deep })).toMatch(/nested more than 32 levels deep/);
  });

  it('too many tags, labels or too long a field are refused', () => {
    const tags = Array.from({ length: 201 }, (_, index) => [`t${String(index)}`, 'v']);
    const body = { ...sentryIssueAlert, data: { ...sentryIssueAlert.data, event: { ...sentryIssueAlert.data.event, tags } } };
    expect(reasonFor('sentry', body)).toBe('The Sentry request was refused: "data.event.tags" has more than 200 items.');
    const labels = Object.fromEntries(Array.from({ length: 65 }, (_, index) => [`l${String(index)}`, 'v']));
    expect(reasonFor('alertmanager', { ...alertmanagerFiring, alerts: [{ ...firingAlert(0), labels }] })).toBe('The Alertmanager request was refused: "alerts[0].labels" has more than 64 labels.');
    expect(reasonFor('generic', { version: '1', alerts: [{ id: 'x', status: 'firing', title: 'x'.repeat(1025) }] })).toBe('The generic alert request was refused: "alerts[0].title" is longer than 1024 characters.');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a "%s" key anywhere is refused, and nothing is polluted', (key) => {
    const body: unknown = JSON.parse(`{"version":"1","alerts":[{"id":"x","status":"firing","title":"t","labels":{"${key}":{"polluted":"yes"}}}]}`);
    expect(reasonFor('generic', body)).toBe(`The generic alert request was refused: it contains the key "${key}", which no alert needs.`);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a prototype name arriving as a value (a Sentry tag pair) is dropped, not made a label', () => {
    const tags = [['__proto__', 'x'], ['constructor', 'y'], ['team', 'basket']];
    const body = { ...sentryIssueAlert, data: { ...sentryIssueAlert.data, event: { ...sentryIssueAlert.data.event, tags } } };
    const result = parseAlert('sentry', body);
    const labels = result.ok ? result.alerts[0]?.labels : undefined;
    expect(labels?.['team']).toBe('basket');
    expect(Object.keys(labels ?? {})).not.toContain('__proto__');
    expect(Object.keys(labels ?? {})).not.toContain('constructor');
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });

  it('a generic advisory with a malformed CVE id is refused', () => {
    const body = { version: '1', alerts: [{ id: 'x', status: 'firing', title: 't', advisory: { cve: 'CVE-26-1', package: 'p' } }] };
    expect(reasonFor('generic', body)).toBe('The generic alert request was refused: "alerts[0].advisory.cve" should look like CVE-2026-12345.');
  });

  it('a Dependabot alert without its advisory is refused; an unknown action is not an error', () => {
    const { security_advisory: _advisory, ...alert } = dependabotCreated.alert;
    expect(reasonFor('dependabot', { ...dependabotCreated, alert })).toBe('The GitHub Dependabot request was refused: "alert.security_advisory" is missing.');
    expect(reasonFor('dependabot', { ...dependabotCreated, action: undefined })).toBe('The GitHub Dependabot request was refused: "action" is missing.');
  });

  it('a Sentry delivery that is not an issue alert is refused', () => {
    expect(reasonFor('sentry', { ...sentryIssueAlert, action: 'resolved' })).toBe('The Sentry request was refused: "action" should be one of "triggered".');
  });
});
