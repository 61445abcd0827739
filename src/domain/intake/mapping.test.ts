import { describe, expect, it } from 'vitest';

import type { AdvisorySettings, MappingRule } from '../../contract/intake.contract';
import type { IncomingAlert } from './incoming-alert';
import { mapAlert, remediationDueDate, ruleInput } from './mapping';

const alert = (over: Partial<IncomingAlert> = {}): IncomingAlert => ({
  kind: 'alertmanager',
  fingerprint: 'f1',
  status: 'firing',
  title: 'Checkout 5xx above 5 %',
  description: '',
  labels: { severity: 'page', env: 'production', team: 'payments' },
  startedAt: '2026-11-30T10:00:00.000Z',
  endedAt: null,
  link: null,
  hints: { environment: 'production', service: 'checkout', customer: null, severity: 'page' },
  advisory: null,
  ...over,
});

const rule = (id: string, label: string, equals: string, set: MappingRule['set'], value: string): MappingRule => ({ id, name: id.replace(/-/g, ' '), when: { label, equals }, set, value });
const LEVELS = ['critical', 'high', 'medium', 'low'];

describe('mapping rules', () => {
  it('sets severity by the first matching rule and names it', () => {
    const mapped = mapAlert(alert(), [rule('page-is-critical', 'severity', 'PAGE', 'severity', 'critical'), rule('any-high', 'severity', '*', 'severity', 'high')], LEVELS);
    expect(mapped.severity).toBe('critical');
    expect(mapped.severityBy).toBe('by rule page is critical');
    expect(mapped.matchedRules).toEqual(['page-is-critical', 'any-high']);
  });

  it('leaves severity to the triager when no rule matches, and fills report fields from the hints', () => {
    const mapped = mapAlert(alert({ labels: {} , hints: { environment: 'staging', service: 'search', customer: 'Acme', severity: null } }), [rule('r', 'severity', 'page', 'severity', 'critical')], LEVELS);
    expect(mapped).toMatchObject({ severity: null, severityBy: null, environment: 'staging', product: 'search', customers: 'Acme', matchedRules: [] });
  });

  it('lets a rule override a hint, reading a label by name case-insensitively', () => {
    const mapped = mapAlert(alert(), [rule('team', 'TEAM', 'payments', 'product', 'Payments')], LEVELS);
    expect(mapped.product).toBe('Payments');
    expect(ruleInput(alert(), 'Env')).toBe('production');
  });

  it('skips a rule naming a level the policy no longer has, says so, and lets the next rule set it', () => {
    const mapped = mapAlert(alert(), [rule('gone', 'severity', 'page', 'severity', 'sev0'), rule('next', 'severity', 'page', 'severity', 'high')], LEVELS);
    expect(mapped.severity).toBe('high');
    expect(mapped.notes[0]).toMatch(/sev0.*no longer has/);
  });

  it('takes a finding’s severity from the CVSS table when no rule sets it', () => {
    const advisory: AdvisorySettings = { cvssTable: [{ name: 'critical', from: 9 }, { name: 'high', from: 7 }, { name: 'medium', from: 4 }, { name: 'low', from: 0.1 }], remediationDays: { critical: 15, low: 90 } };
    const finding = alert({ kind: 'dependabot', labels: {}, hints: { environment: null, service: null, customer: null, severity: null }, advisory: { cveId: 'CVE-2026-1', ghsaId: null, cvssScore: 9.8, packageName: 'lodash', ecosystem: 'npm', fixedVersion: '4.17.22' } });
    expect(mapAlert(finding, [], LEVELS, advisory)).toMatchObject({ severity: 'critical', severityBy: 'by rule CVSS 9.8' });
    const noScore = { ...finding, advisory: { ...finding.advisory!, cvssScore: null } };
    expect(mapAlert(noScore, [], LEVELS, advisory).notes[0]).toMatch(/no CVSS score/);
    expect(remediationDueDate('critical', '2026-11-30T23:30:00.000Z', advisory)).toBe('2026-12-15');
    expect(remediationDueDate('high', '2026-11-30T23:30:00.000Z', advisory)).toBeNull();
  });
});
