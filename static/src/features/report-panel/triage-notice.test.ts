import { describe, expect, it } from 'vitest';

import { generateView } from '../../shared/testing/report-view.factory';
import { type PanelAction, type PanelState, initialPanelState, reducePanel } from './report-panel.state';

const run = (...actions: PanelAction[]): PanelState => actions.reduce(reducePanel, initialPanelState);
const decided = (outcome: ReturnType<typeof generateView>['outcome']): PanelState =>
  run(
    { type: 'loaded', result: { ok: true, data: generateView() } },
    { type: 'triageStarted', change: 'decide' },
    { type: 'triaged', change: 'decide', result: { ok: true, data: generateView({ outcome }) } },
  );

describe('the triage notice after a decision', () => {
  it.each([
    ['says nothing changed when the level was already decided', { tone: 'info' as const, message: 'Already decided Critical; nothing changed.' }, { tone: 'info', message: 'Already decided Critical; nothing changed.' }],
    ['says what is not finished', { tone: 'warning' as const, message: 'Applying its policy is not finished.' }, { tone: 'warning', message: 'Applying its policy is not finished.' }],
    ['stays quiet on success (a flag says it)', { tone: 'success' as const, message: 'Done.' }, null],
  ])('%s', (_case, outcome, expected) => {
    const state = decided(outcome);
    expect(state.status === 'ready' ? state.triageNotice : undefined).toEqual(expected);
  });
});
