import { EMPTY_REPORT_FIELDS, type ReportFields, type StoredReport } from '../../../contract/report.contract';

/** Report fields that satisfy the default template; override what the test is about. */
export const generateReportFields = (overrides: Partial<ReportFields> = {}): ReportFields => ({
  ...EMPTY_REPORT_FIELDS,
  stepsToReproduce: '1. Log in as buyer@acme.test (role: buyer)\n2. Open the cart\n3. Click "Pay now"',
  actualResult: 'The spinner turns forever; no order is created.',
  expectedResult: 'The order confirmation page opens.',
  environment: 'Production, Chrome 131, EU region',
  customers: 'Acme Retail',
  affectedUsers: 1200,
  product: 'Checkout',
  raisedVia: 'customer',
  workaround: 'no',
  ...overrides,
});

/** A valid stored report; override what the test is about. */
export const generateStoredReport = (overrides: Partial<StoredReport> = {}): StoredReport => ({
  schemaVersion: 2,
  revision: 1,
  fields: generateReportFields(),
  severityHistory: [],
  classification: null,
  manualChecks: {},
  sendBacks: [],
  search: { ready: 'no', waitingForReporter: 'no' },
  updatedAt: '2026-11-19T14:05:00.000Z',
  updatedBy: 'acc-reporter',
  ...overrides,
});
