/**
 * `generateX(overrides)` factories for the UI's unit tests and the screenshot harness: realistic
 * values, overridden only where a test is about them.
 */
import type { ReportView } from '@contract/report.contract';
import { EMPTY_REPORT_FIELDS } from '@contract/report.values';

type Report = NonNullable<ReportView['report']>;

export const generateReport = (overrides: Partial<Report> = {}): Report => ({
  schemaVersion: 2,
  revision: 3,
  fields: {
    ...EMPTY_REPORT_FIELDS,
    stepsToReproduce: '1. Log in as a store admin\n2. Open Orders › Refunds\n3. Click Refund on #10442',
    actualResult: 'The page shows “Something went wrong”.',
  },
  severityHistory: [{ kind: 'reporter-pick', level: 'critical', by: 'acc-reporter', at: '2025-11-25T09:00:00.000Z' }],
  classification: null,
  manualChecks: {},
  sendBacks: [],
  search: { ready: 'no', waitingForReporter: 'no' },
  updatedAt: '2025-11-25T10:00:00.000Z',
  updatedBy: 'acc-reporter',
  ...overrides,
});

export const generateView = (overrides: Partial<ReportView> = {}): ReportView => ({
  issueKey: 'SHOP-1',
  issue: {
    summary: 'Refund fails for gift cards',
    issueType: 'Bug',
    status: 'Triage',
    projectKey: 'SHOP',
    reporter: { accountId: 'acc-reporter', displayName: 'Rita Reporter' },
    assignee: { accountId: 'acc-triager', displayName: 'Tom Triager' },
    isProductionType: true,
  },
  report: generateReport(),
  canEdit: true,
  viewer: { accountId: 'acc-triager', isReporter: false, isTriager: true, notTriagerReason: null },
  fields: [
    { id: 'stepsToReproduce', label: 'Steps to reproduce', prompt: 'One step per line.', kind: 'long-text', rule: 'required' },
    { id: 'actualResult', label: 'What actually happens', prompt: 'What you saw.', kind: 'long-text', rule: 'required' },
    { id: 'environment', label: 'Environment', prompt: 'Production, staging…', kind: 'text', rule: 'required' },
    { id: 'affectedUsers', label: 'Roughly how many users', prompt: 'Your best estimate.', kind: 'number', rule: 'optional' },
    { id: 'workaround', label: 'Is there a workaround?', prompt: 'Another way?', kind: 'choice', rule: 'required' },
    { id: 'links', label: 'Recordings, screenshots, logs', prompt: 'Links.', kind: 'links', rule: 'optional' },
  ],
  scale: [
    { id: 'critical', name: 'Critical', definition: 'Production is down.', examples: ['Checkout fails'], response: 'Drop everything.' },
    { id: 'medium', name: 'Medium', definition: 'Some users, workaround exists.', examples: [], response: 'Next release.' },
  ],
  readiness: {
    ready: false,
    items: [
      { id: 'field:stepsToReproduce', label: 'Steps to reproduce', owner: 'reporter', met: true },
      { id: 'field:environment', label: 'Environment', owner: 'reporter', met: false, detail: 'Environment is empty.' },
      { id: 'severity-picked', label: 'Severity picked by the reporter', owner: 'reporter', met: true },
      { id: 'classified', label: 'Classified by the triager (level, kind, class of service)', owner: 'triager', met: false, detail: 'Not classified yet.' },
      { id: 'manual:reproduced-internally', label: 'Reproduced internally', owner: 'triager', met: false, detail: 'Not ticked yet.' },
    ],
  },
  problems: [],
  sendBackStatus: 'Waiting for reporter',
  manualItems: [{ id: 'reproduced-internally', label: 'Reproduced internally', needsNote: true }],
  waitingSeconds: 0,
  names: {},
  outcome: null,
  ...overrides,
});
