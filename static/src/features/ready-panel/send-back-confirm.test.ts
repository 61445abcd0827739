import { describe, expect, it } from 'vitest';

import { generateView } from '../../shared/testing/report-view.factory';
import { describeSendBackSteps, describeWaitedTotal, initialReadyPanelState, reduceReadyPanel } from './ready-panel.state';

describe('describeSendBackSteps', () => {
  it('names the new assignee, the status change and the comment before anything happens', () => {
    expect(describeSendBackSteps(generateView())).toEqual([
      'Assign it to Rita Reporter instead of Tom Triager.',
      'Change its status from Triage to Waiting for reporter (if its workflow allows that move).',
      'Add a comment for Rita Reporter listing what is missing.',
    ]);
  });

  it('says nothing about the status when the project keeps it, and handles no assignee or the reporter as assignee', () => {
    const base = generateView();
    const unassigned = describeSendBackSteps(generateView({ sendBackStatus: null, issue: { ...base.issue, assignee: null } }));
    expect(unassigned).toEqual(['Assign it to Rita Reporter (it has no assignee now).', 'Add a comment for Rita Reporter listing what is missing.']);
    expect(describeSendBackSteps(generateView({ issue: { ...base.issue, assignee: base.issue.reporter } }))[0]).toBe('Keep it assigned to Rita Reporter.');
  });
});

describe('describeWaitedTotal', () => {
  it('speaks in the present while the issue waits and in the past once it returned', () => {
    expect(describeWaitedTotal(7_200, true)).toBe('Waiting for the reporter so far: 2 hours.');
    expect(describeWaitedTotal(7_200, false)).toBe('Waited for the reporter 2 hours in total.');
  });
});

describe('a refused note', () => {
  it('shows the server’s refusal of the note under the note field', () => {
    const loaded = reduceReadyPanel(initialReadyPanelState, { type: 'loaded', result: { ok: true, data: generateView() } });
    const started = reduceReadyPanel(reduceReadyPanel(loaded, { type: 'confirmSendBack' }), { type: 'changeStarted', busy: { kind: 'sendBack' } });
    const refused = reduceReadyPanel(started, { type: 'changed', result: { ok: false, error: { code: 'INVALID_INPUT', message: 'Note is too long: at most 1,000 characters fit.', field: 'note' } } });

    expect(refused).toMatchObject({ confirming: true, fieldErrors: { note: 'Note is too long: at most 1,000 characters fit.' } });
  });
});
