import { describe, expect, it } from 'vitest';

import { describeWip } from './wip-line';

const wip = (overrides: Partial<{ limit: number; othersInProgress: number; thisInProgress: boolean; exempt: boolean }> = {}) => ({
  wip: { classOfService: 'emergency' as const, limit: 2, othersInProgress: 1, thisInProgress: false, exempt: false, ...overrides },
});

describe('describeWip', () => {
  it.each([
    ['under the limit', wip({ limit: 3 }), 'Emergency work in progress: 1 of 3', false],
    ['at the limit', wip({ othersInProgress: 2 }), 'Emergency work in progress: 2 of 2 — starting this one will be blocked', true],
    ['at the limit, exempt', wip({ othersInProgress: 2, exempt: true }), 'Emergency work in progress: 2 of 2 — the top severity level is exempt, so this one may start', true],
    ['this one in progress counts once', wip({ othersInProgress: 1, thisInProgress: true }), 'Emergency work in progress: 2 of 2', true],
    ['over the limit (lowered since)', wip({ othersInProgress: 2, thisInProgress: true }), 'Emergency work in progress: 3 of 2 — over the limit', true],
  ])('%s', (_name, view, text, atLimit) => {
    expect(describeWip(view)).toEqual({ text, atLimit });
  });

  it('says nothing when no limit applies', () => {
    expect(describeWip({ wip: null })).toBeNull();
  });
});
