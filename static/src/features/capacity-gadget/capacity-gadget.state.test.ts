import type { CapacityView } from '@contract/capacity.contract';
import { describe, expect, it } from 'vitest';

import { generateCapacityView, generateDrillDown } from '../../shared/testing/capacity-view.factory';
import { type GadgetAction, type GadgetState, drillDownSprintId, initialGadgetState, reduceGadget } from './capacity-gadget.state';

const run = (actions: readonly GadgetAction[], from: GadgetState = initialGadgetState('time')): GadgetState => actions.reduce(reduceGadget, from);
const computed = (seq: number, data: CapacityView): GadgetAction => ({ type: 'computed', seq, result: { ok: true, data } });
const view = generateCapacityView();
const pointsView = generateCapacityView({ measure: 'points' });
const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: 'You cannot see this board.' } } as const;

describe('reduceGadget', () => {
  it('shows the first compute (request 0, sent by the route)', () => {
    expect(run([computed(0, view)])).toEqual({ status: 'ready', measure: 'time', seq: 0, view, refreshing: false, drillDown: { status: 'hidden' } });
  });

  it('keeps the numbers on screen while another measure loads, then shows it', () => {
    const switching = run([computed(0, view), { type: 'computeStarted', measure: 'points', seq: 1 }]);
    expect(switching).toMatchObject({ status: 'ready', measure: 'points', refreshing: true, view });
    expect(run([computed(1, pointsView)], switching)).toMatchObject({ status: 'ready', measure: 'points', refreshing: false, view: pointsView });
  });

  it('drops an answer that a later switch overtook', () => {
    const state = run([computed(0, view), { type: 'computeStarted', measure: 'points', seq: 1 }, { type: 'computeStarted', measure: 'count', seq: 2 }, computed(1, pointsView)]);
    expect(state).toMatchObject({ measure: 'count', refreshing: true, view });
  });

  it('drops the route’s first answer when the person switched before it came', () => {
    const state = run([{ type: 'computeStarted', measure: 'count', seq: 1 }, computed(0, view)]);
    expect(state).toEqual({ status: 'loading', measure: 'count', seq: 1 });
  });

  it('fails with the backend’s sentence, and a retry starts loading again', () => {
    const failed = run([{ type: 'computed', seq: 0, result: forbidden }]);
    expect(failed).toEqual({ status: 'failed', measure: 'time', seq: 0, error: forbidden.error });
    expect(run([{ type: 'computeStarted', measure: 'time', seq: 1 }], failed)).toEqual({ status: 'loading', measure: 'time', seq: 1 });
  });

  it('shows the issues sorted, hides them, and forgets them when the measure changes', () => {
    const ready = run([computed(0, view), { type: 'drillDownStarted', seq: 1 }]);
    expect(ready).toMatchObject({ drillDown: { status: 'loading', seq: 1 } });
    const shown = run([{ type: 'drilledDown', seq: 1, result: { ok: true, data: generateDrillDown() } }], ready);
    expect(shown.status === 'ready' && shown.drillDown.status === 'shown' ? shown.drillDown.issues.map((issue) => issue.key) : []).toEqual(['SHOP-2', 'SHOP-9', 'SHOP-21', 'SHOP-10']);
    expect(run([{ type: 'drillDownHidden' }], shown)).toMatchObject({ drillDown: { status: 'hidden' } });
    expect(run([{ type: 'computeStarted', measure: 'count', seq: 2 }], shown)).toMatchObject({ drillDown: { status: 'hidden' } });
  });

  it('ignores issues that arrive after the list was hidden or the measure changed', () => {
    const hidden = run([computed(0, view), { type: 'drillDownStarted', seq: 1 }, { type: 'computeStarted', measure: 'points', seq: 2 }]);
    expect(run([{ type: 'drilledDown', seq: 1, result: { ok: true, data: generateDrillDown() } }], hidden)).toBe(hidden);
  });

  it('keeps a failed drill-down’s sentence for the list', () => {
    const state = run([computed(0, view), { type: 'drillDownStarted', seq: 1 }, { type: 'drilledDown', seq: 1, result: forbidden }]);
    expect(state).toMatchObject({ status: 'ready', drillDown: { status: 'failed', error: forbidden.error } });
  });
});

describe('drillDownSprintId', () => {
  it('is the shown sprint, and none for an empty view', () => {
    expect(drillDownSprintId(view)).toBe(114);
    expect(drillDownSprintId(generateCapacityView({ empty: 'This board has no sprints yet.', sprint: null }))).toBeNull();
  });
});
