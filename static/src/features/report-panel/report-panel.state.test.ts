import type { ReportView } from '@contract/report.contract';
import { describe, expect, it } from 'vitest';

import { generateReport, generateView } from '../../shared/testing/report-view.factory';
import { COPY } from './report-copy';
import { type PanelAction, type PanelState, type ReadyState, initialPanelState, reducePanel } from './report-panel.state';

const run = (...actions: PanelAction[]): PanelState => actions.reduce(reducePanel, initialPanelState);
const asReady = (state: PanelState): ReadyState => {
  if (state.status !== 'ready') throw new Error(`expected ready, got ${state.status}`);
  return state;
};
const loaded = (view = generateView()): PanelAction => ({ type: 'loaded', result: { ok: true, data: view } });
const failedSave = (code: 'CONFLICT' | 'FORBIDDEN' | 'TOO_LARGE' | 'INVALID_INPUT' | 'JIRA_UNAVAILABLE', message = 'Backend sentence.', field?: string): PanelAction => ({
  type: 'saved',
  result: { ok: false, error: field === undefined ? { code, message } : { code, message, field } },
});
const newer = (): ReportView => generateView({ report: generateReport({ revision: 5, fields: { ...generateReport().fields, stepsToReproduce: 'theirs' } }) });

describe('reducePanel', () => {
  it('shows the load error in place of the panel', () => {
    expect(run({ type: 'loaded', result: { ok: false, error: { code: 'NOT_FOUND', message: 'No such issue.' } } })).toEqual({
      status: 'failed',
      error: { code: 'NOT_FOUND', message: 'No such issue.' },
    });
  });

  it('starts editing from the saved values and severity', () => {
    const state = asReady(run(loaded(), { type: 'edit' }));
    expect(state.mode).toBe('edit');
    expect(state.draft.values.stepsToReproduce).toMatch(/^1\. Log in/);
    expect(state.draft.reporterSeverity).toBe('critical');
  });

  it('does not open the editor when the person cannot edit', () => {
    expect(asReady(run(loaded(generateView({ canEdit: false })), { type: 'edit' })).mode).toBe('read');
  });

  it('returns to the summary with the saved version after a save', () => {
    const saved = newer();
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'saveStarted' }, { type: 'saved', result: { ok: true, data: saved } }));
    expect(state).toMatchObject({ mode: 'read', busy: null, notice: null, view: saved });
  });

  it('.ui: marks the field the backend names and keeps the draft', () => {
    const state = asReady(
      run(loaded(), { type: 'edit' }, { type: 'change', field: 'actualResult', value: 'long' }, { type: 'saveStarted' }, failedSave('TOO_LARGE', 'Too long.', 'fields.actualResult')),
    );
    expect(state).toMatchObject({ mode: 'edit', busy: null, fieldErrors: { actualResult: 'Too long.' }, notice: null });
    expect(state.draft.values.actualResult).toBe('long');
  });

  it('marks the severity picker when the backend refuses the pick', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'saveStarted' }, failedSave('INVALID_INPUT', 'Not a level.', 'reporterSeverity')));
    expect(state.fieldErrors).toEqual({ reporterSeverity: 'Not a level.' });
  });

  it('shows a banner for a field the form does not show', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'saveStarted' }, failedSave('INVALID_INPUT', 'Bad key.', 'issueKey')));
    expect(state).toMatchObject({ mode: 'edit', notice: { tone: 'error', message: 'Bad key.' }, fieldErrors: {} });
  });

  it('clears a field’s error once the person changes it, and only that one', () => {
    const state = asReady(
      run(loaded(), { type: 'edit' }, { type: 'invalid', errors: { affectedUsers: 'Number.', links: 'Link.' } }, { type: 'change', field: 'links', value: 'https://a.test' }),
    );
    expect(state.fieldErrors).toEqual({ affectedUsers: 'Number.' });
  });

  it('.ui: on CONFLICT keeps the typed text aside, leaves the editor and explains', () => {
    const state = asReady(run(loaded(generateView({ report: null })), { type: 'edit' }, { type: 'change', field: 'stepsToReproduce', value: 'mine' }, failedSave('CONFLICT')));
    expect(state).toMatchObject({ mode: 'read', strandedDraft: 'Steps to reproduce:\nmine', notice: { tone: 'warning', message: COPY.conflict } });
  });

  it('shows the newer version reloaded after a conflict, keeping the notice and the typed text', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'change', field: 'stepsToReproduce', value: 'mine' }, failedSave('CONFLICT'), { type: 'reloaded', result: { ok: true, data: newer() } }));
    expect(state.view.report?.fields.stepsToReproduce).toBe('theirs');
    expect(state.strandedDraft).toMatch(/mine/);
    expect(state.notice?.message).toBe(COPY.conflict);
  });

  it('.ui: on FORBIDDEN stops offering edits for good and keeps the typed text', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'change', field: 'environment', value: 'Prod' }, failedSave('FORBIDDEN', 'No permission.')));
    expect(state).toMatchObject({ mode: 'read', editRevoked: true, notice: { tone: 'error', message: 'No permission.' } });
    expect(asReady(reducePanel(state, { type: 'edit' })).mode).toBe('read');
  });

  it('keeps editing with a banner when Jira is unavailable', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, failedSave('JIRA_UNAVAILABLE', 'Try again.')));
    expect(state).toMatchObject({ mode: 'edit', notice: { tone: 'error', message: 'Try again.' } });
  });

  it('takes a change from the other panel while reading, but never while editing', () => {
    const refreshed: PanelAction = { type: 'refreshed', result: { ok: true, data: newer() } };
    expect(asReady(run(loaded(), refreshed)).view.report?.revision).toBe(5);
    const editing = asReady(run(loaded(), { type: 'edit' }, { type: 'change', field: 'environment', value: 'Prod' }, refreshed));
    expect(editing.view.report?.revision).toBe(3);
    expect(editing.draft.values.environment).toBe('Prod');
  });
});

describe('reducePanel: triage', () => {
  it('shows the decision once the backend stored it', () => {
    const decided = newer();
    const state = asReady(run(loaded(), { type: 'triageStarted', change: 'decide' }, { type: 'triaged', change: 'decide', result: { ok: true, data: decided } }));
    expect(state).toMatchObject({ busy: null, view: decided, triageNotice: null });
  });

  it('.ui: marks the reason when the backend asks for one', () => {
    const state = asReady(
      run(loaded(), { type: 'triageStarted', change: 'decide' }, { type: 'triaged', change: 'decide', result: { ok: false, error: { code: 'INVALID_INPUT', message: 'Say why.', field: 'reason' } } }),
    );
    expect(state.fieldErrors).toEqual({ reason: 'Say why.' });
  });

  it('.ui: keeps a save that handed the issue back only in part on screen, saying what is not done', () => {
    const outcome = { tone: 'warning' as const, message: 'Your report is saved. Handing SHOP-1 back to Tom is not finished.' };
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'saveStarted' }, { type: 'saved', result: { ok: true, data: generateView({ outcome }) } }));
    expect(state).toMatchObject({ mode: 'read', notice: outcome });
  });

  it('.ui: shows a decision whose policy is not applied yet inside the triage area', () => {
    const outcome = { tone: 'warning' as const, message: 'The decision is recorded. Applying its policy is not finished.' };
    const state = asReady(run(loaded(), { type: 'triageStarted', change: 'decide' }, { type: 'triaged', change: 'decide', result: { ok: true, data: generateView({ outcome }) } }));
    expect(state.triageNotice).toEqual(outcome);
  });

  it('explains a triage conflict inside the triage area', () => {
    const state = asReady(run(loaded(), { type: 'triageStarted', change: 'classify' }, { type: 'triaged', change: 'classify', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } }));
    expect(state).toMatchObject({ notice: null, triageNotice: { tone: 'warning', message: COPY.triageConflict } });
  });
});
