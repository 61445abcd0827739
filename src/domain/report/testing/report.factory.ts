import type { StoredReport } from '../../../contract/report.contract';

/** A valid stored report; override what the test is about. */
export const generateStoredReport = (overrides: Partial<StoredReport> = {}): StoredReport => ({
  schemaVersion: 1,
  revision: 1,
  fields: { stepsToReproduce: '1. Log in as buyer@acme.test\n2. Open the cart\n3. Click "Pay now"' },
  updatedAt: '2026-11-19T14:05:00.000Z',
  updatedBy: 'acc-reporter',
  ...overrides,
});
