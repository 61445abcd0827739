/** `generateCapacityView(overrides)` for the UI's unit tests: an active sprint of a team logging time. */
import type { CapacityView, DrillDownView } from '@contract/capacity.contract';

const HOUR = 3600;

type Trend = CapacityView['trend'][number];

const sprint = (n: number, share: number | null, state = 'closed'): Trend => {
  const start = new Date(Date.UTC(2025, 8, 1) + (n - 9) * 14 * 86_400_000).toISOString();
  const end = new Date(Date.parse(start) + 14 * 86_400_000).toISOString();
  const total = 112 * HOUR;
  const support = share === null ? 0 : Math.round(total * share);
  const unplanned = Math.round(support / 2);
  return {
    id: 100 + n,
    name: `SHOP Sprint ${String(n)}`,
    state,
    start,
    end,
    support,
    total: share === null ? 0 : total,
    share,
    planned: { support: support - unplanned, total: share === null ? 0 : total - unplanned },
    unplanned: { support: unplanned },
    committed: null,
    completed: null,
  };
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
      planned: { support: 12 * HOUR, total: 93 * HOUR },
      unplanned: { support: 19 * HOUR },
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
      team: { source: 'worklog-authors', groupName: null, members: ['Devon Park', 'Rita Chen', 'Omar Haddad', 'Sam Okafor'] },
      people: [
        { accountId: 'acc-devon', name: 'Devon Park', supportSeconds: 18 * HOUR, totalSeconds: 40 * HOUR, onCallShare: 0.5 },
        { accountId: 'acc-rita', name: 'Rita Chen', supportSeconds: 9 * HOUR, totalSeconds: 38 * HOUR, onCallShare: 0.5 },
        { accountId: 'acc-omar', name: 'Omar Haddad', supportSeconds: 4 * HOUR, totalSeconds: 34 * HOUR, onCallShare: 0 },
      ],
    },
    trend,
    planning: {
      history: [
        { name: 'SHOP Sprint 11', committed: null, completed: null, feature: 90 * HOUR, supportItemsPlanned: 2 },
        { name: 'SHOP Sprint 12', committed: null, completed: null, feature: 70 * HOUR, supportItemsPlanned: 4 },
        { name: 'SHOP Sprint 13', committed: null, completed: null, feature: 86 * HOUR, supportItemsPlanned: 3 },
      ],
      averageCommitted: null,
      averageCompleted: null,
      averageShare: 0.22,
      perSupportItem: 8 * HOUR,
      target: { name: 'SHOP Sprint 15', supportItemsPlanned: 2, assumedSupportItems: 2, teamSize: 4, onCall: [{ name: 'Devon Park', share: 1 }] },
      range: { low: 70 * HOUR, likely: 78 * HOUR, high: 88 * HOUR },
    },
    budget: { levelName: 'Critical', used: 2, budget: 1, exceeded: true },
    cached: true,
    computedAt: '2025-11-20T09:00:00.000Z',
    ...overrides,
  };
};

export const generateDrillDown = (): DrillDownView => ({
  issues: [
    { key: 'SHOP-10', summary: 'Checkout button does nothing', value: 2 * HOUR, queue: 'planned', support: false, severity: null, severityName: null, kind: null },
    { key: 'SHOP-9', summary: 'Orders lost during checkout', value: 12.5 * HOUR, queue: 'unplanned', support: true, severity: 'critical', severityName: 'Critical', kind: 'incident' },
    { key: 'SHOP-21', summary: 'New onboarding flow', value: 30 * HOUR, queue: 'planned', support: false, severity: null, severityName: null, kind: 'feature-request' },
    { key: 'SHOP-2', summary: 'Invoice totals wrong', value: 12.5 * HOUR, queue: 'planned', support: true, severity: 'major', severityName: 'Major', kind: 'defect' },
  ],
});
