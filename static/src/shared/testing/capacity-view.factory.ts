/** `generateCapacityView(overrides)` for the UI's unit tests: an active sprint of a team logging time. */
import type { CapacityView, DrillDownView } from '@contract/capacity.contract';

const HOUR = 3600;

type Trend = CapacityView['trend'][number];

const sprint = (n: number, share: number | null, state = 'closed'): Trend => {
  const start = new Date(Date.UTC(2025, 8, 1) + (n - 9) * 14 * 86_400_000).toISOString();
  const end = new Date(Date.parse(start) + 14 * 86_400_000).toISOString();
  const total = 112 * HOUR;
  const support = share === null ? 0 : Math.round(total * share);
  return { id: 100 + n, name: `SHOP Sprint ${String(n)}`, state, start, end, support, total: share === null ? 0 : total, share };
};

export const generateTrend = (): Trend[] => [sprint(9, 0.18), sprint(10, 0.22), sprint(11, 0.12), sprint(12, 0.35), sprint(13, 0.2), sprint(14, 0.27, 'active')];

export const generateCapacityView = (overrides: Partial<CapacityView> = {}): CapacityView => {
  const trend = generateTrend();
  const current = trend[trend.length - 1] as Trend;
  return {
    board: { id: 7, name: 'SHOP board', projectKey: 'SHOP' },
    measure: 'time',
    empty: null,
    sprint: {
      ...current,
      support: 31 * HOUR,
      total: 112 * HOUR,
      bySeverity: [
        { id: 'critical', name: 'Critical', value: 12.5 * HOUR, rank: 0 },
        { id: 'major', name: 'Major', value: 10 * HOUR, rank: 1 },
        { id: 'medium', name: 'Medium', value: 6 * HOUR, rank: 2 },
        { id: 'minor', name: 'Minor', value: 2.5 * HOUR, rank: 3 },
      ],
      byKind: [
        { id: 'incident', name: 'Incident', value: 16 * HOUR },
        { id: 'defect', name: 'Defect', value: 11 * HOUR },
        { id: 'support-request', name: 'Support request', value: 4 * HOUR },
      ],
      notes: ['2 worklogs were logged outside the sprint window and are not counted.'],
    },
    trend,
    planning: { sprints: 3, averageShare: 0.22, averageTotal: 110 * HOUR, suggestedFeatureCapacity: 86 * HOUR },
    budget: { levelName: 'Critical', used: 2, budget: 1, exceeded: true },
    cached: true,
    ...overrides,
  };
};

export const generateDrillDown = (): DrillDownView => ({
  issues: [
    { key: 'SHOP-10', summary: 'Checkout button does nothing', value: 2 * HOUR, support: false, severity: null, severityName: null, kind: null },
    { key: 'SHOP-9', summary: 'Orders lost during checkout', value: 12.5 * HOUR, support: true, severity: 'critical', severityName: 'Critical', kind: 'incident' },
    { key: 'SHOP-21', summary: 'New onboarding flow', value: 30 * HOUR, support: false, severity: null, severityName: null, kind: 'feature-request' },
    { key: 'SHOP-2', summary: 'Invoice totals wrong', value: 12.5 * HOUR, support: true, severity: 'major', severityName: 'Major', kind: 'defect' },
  ],
});
