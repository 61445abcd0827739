import type { Postmortem } from '../../../contract/postmortem.contract';

/** A publishable postmortem; override what the test is about. */
export const generatePostmortem = (overrides: Partial<Postmortem> = {}): Postmortem => ({
  schemaVersion: 1,
  id: 'pm-0001',
  projectKey: 'SHOP',
  title: 'Payments outage on 20 Nov',
  status: 'in-review',
  severity: 'critical',
  owner: 'acc-devon-oncall',
  incidents: ['SHOP-155'],
  artifacts: [{ label: 'Grafana board', url: 'https://grafana.example/d/payments' }],
  summary: 'Card payments failed for 42 minutes after a config change disabled the fallback provider.',
  customerImpact: 'About 1,200 checkouts failed; no data was lost.',
  impact: {
    started: '2026-11-20T14:00:00.000Z',
    detected: '2026-11-20T14:12:00.000Z',
    mitigated: '2026-11-20T14:42:00.000Z',
    resolved: '2026-11-20T15:30:00.000Z',
    timeZone: 'Europe/Berlin',
    usersAffected: 1200,
  },
  timeline: [
    { id: 't1', at: '2026-11-20T14:12:00.000Z', who: 'acc-rita-support', kind: 'created', issueKey: 'SHOP-155', text: 'Incident created', hidden: false, note: '' },
    { id: 't2', at: '2026-11-20T14:20:00.000Z', who: 'acc-devon-oncall', kind: 'status', issueKey: 'SHOP-155', text: 'Status New → In Progress', hidden: false, note: '' },
  ],
  answers: {
    detect: 'Alert on payment success rate per provider.',
    react: 'Page the payments owner directly.',
    quickFix: 'A one-click provider switch.',
    prevent: 'Validate provider config in CI.',
    otherRisks: 'The shipping-rate provider has the same single-config setup.',
  },
  actions: [{ id: 'a1', title: 'Add success-rate alert per provider', owner: 'acc-devon-oncall', dueDate: '2026-12-04', question: 'detect', issueKey: null }],
  remediation: [{ id: 'r1', title: 'Resend order confirmations', owner: 'acc-rita-support', priority: 'high', done: false }],
  revision: 3,
  createdAt: '2026-11-21T09:00:00.000Z',
  updatedAt: '2026-11-21T10:00:00.000Z',
  updatedBy: 'acc-devon-oncall',
  publishedAt: null,
  ...overrides,
});
