import type { ReportView } from '@contract/report.contract';
import { describe, expect, it } from 'vitest';

import { generateView } from '../../shared/testing/report-view.factory';
import { type ChecklistState, type ReadyPanelAction, type ReadyPanelState, READY_COPY, describeMissing, initialReadyPanelState, reduceReadyPanel } from './ready-panel.state';

const run = (...actions: ReadyPanelAction[]): ReadyPanelState => actions.reduce(reduceReadyPanel, initialReadyPanelState);
const asReady = (state: ReadyPanelState): ChecklistState => {
  if (state.status !== 'ready') throw new Error(`expected ready, got ${state.status}`);
  return state;
};
const loaded = (view: ReportView = generateView()): ReadyPanelAction => ({ type: 'loaded', result: { ok: true, data: view } });
const failed = (code: 'CONFLICT' | 'FORBIDDEN' | 'INVALID_INPUT', message: string, field?: string): ReadyPanelAction => ({
  type: 'changed',
  result: { ok: false, error: field === undefined ? { code, message } : { code, message, field } },
});
const checking: ReadyPanelAction = { type: 'changeStarted', busy: { kind: 'check', itemId: 'reproduced-internally', checked: true } };

describe('reduceReadyPanel', () => {
  it('.ui: a send-back that is not finished stays on screen, saying what is done and what is not', () => {
    const outcome = { tone: 'warning' as const, message: 'Sending SHOP-1 back to Rita is not finished.' };
    const state = asReady(run(loaded(), { type: 'confirmSendBack' }, { type: 'changeStarted', busy: { kind: 'sendBack' } }, { type: 'changed', result: { ok: true, data: generateView({ outcome }) } }));
    expect(state).toMatchObject({ confirming: false, notice: outcome });
  });

  it('shows the fresh checklist after a change and closes the confirmation', () => {
    const after = generateView({ waitingSeconds: 60 });
    const state = asReady(run(loaded(), { type: 'confirmSendBack' }, { type: 'changeStarted', busy: { kind: 'sendBack' } }, { type: 'changed', result: { ok: true, data: after } }));
    expect(state).toMatchObject({ view: after, busy: null, confirming: false });
  });

  it('.ui: marks the note of the item being ticked when the backend asks for one', () => {
    const state = asReady(run(loaded(), checking, failed('INVALID_INPUT', 'Needs a note.', 'note')));
    expect(state.fieldErrors).toEqual({ 'note:reproduced-internally': 'Needs a note.' });
  });

  it('shows an unknown item as a banner', () => {
    expect(asReady(run(loaded(), checking, failed('INVALID_INPUT', 'No such item.', 'itemId'))).notice).toEqual({ tone: 'error', message: 'No such item.' });
  });

  it('explains a conflict in its own words', () => {
    expect(asReady(run(loaded(), checking, failed('CONFLICT', 'x'))).notice).toEqual({ tone: 'warning', message: READY_COPY.conflict });
  });

  it('hides the controls for good on FORBIDDEN', () => {
    const state = asReady(run(loaded(), { type: 'confirmSendBack' }, { type: 'changeStarted', busy: { kind: 'sendBack' } }, failed('FORBIDDEN', 'No.')));
    expect(state).toMatchObject({ editRevoked: true, confirming: false });
    expect(asReady(reduceReadyPanel(state, { type: 'confirmSendBack' })).confirming).toBe(false);
  });

  it('follows the other panel, but not while its own change is in flight', () => {
    const newer = generateView({ waitingSeconds: 120 });
    expect(asReady(run(loaded(), { type: 'refreshed', result: { ok: true, data: newer } })).view).toBe(newer);
    expect(asReady(run(loaded(), checking, { type: 'refreshed', result: { ok: true, data: newer } })).view).not.toBe(newer);
  });
});

describe('describeMissing', () => {
  it('counts in words', () => {
    expect(describeMissing(1)).toBe('1 item missing');
    expect(describeMissing(3)).toBe('3 items missing');
  });
});
