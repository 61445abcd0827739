import { describe, expect, it } from 'vitest';

import { severityBreakdown } from './capacity-view';

const SCALE = [
  { id: 'sev1', name: 'Sev1' },
  { id: 'sev2', name: 'Sev2' },
  { id: 'sev3', name: 'Sev3' },
];

describe('severityBreakdown', () => {
  it('lists levels in the policy’s order whatever their size, then levels the scale lost, then issues not classified', () => {
    const bars = severityBreakdown(SCALE, { unclassified: 9, sev3: 40, major: 2, sev1: 1, critical: 5 });

    expect(bars).toEqual([
      { id: 'sev1', name: 'Sev1', value: 1, rank: 0 },
      { id: 'sev3', name: 'Sev3', value: 40, rank: 2 },
      { id: 'critical', name: 'Critical (no longer in the scale)', value: 5, rank: null },
      { id: 'major', name: 'Major (no longer in the scale)', value: 2, rank: null },
      { id: 'unclassified', name: 'Not classified', value: 9, rank: null },
    ]);
  });

  it('is empty when nothing was support work', () => {
    expect(severityBreakdown(SCALE, {})).toEqual([]);
  });
});
