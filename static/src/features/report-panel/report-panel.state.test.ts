import type { ReportView } from '@contract/report.contract';
import { describe, expect, it } from 'vitest';

import { COPY } from './report-copy';
import { type PanelAction, type PanelState, type ReadyState, initialPanelState, reducePanel } from './report-panel.state';

/** A report view with sensible defaults; override what the test is about. */
const generateView = (overrides: Partial<ReportView> = {}): ReportView => ({
  issueKey: 'SHOP-1',
  canEdit: true,
  report: {
    schemaVersion: 1,
    revision: 3,
    fields: { stepsToReproduce: '1. Log in\n2. Click Refund' },
    updatedAt: '2025-11-25T10:00:00.000Z',
    updatedBy: 'acc-1',
  },
  ...overrides,
});

const run = (...actions: PanelAction[]): PanelState => actions.reduce(reducePanel, initialPanelState);
const asReady = (state: PanelState): ReadyState => {
  if (state.status !== 'ready') throw new Error(`expected ready, got ${state.status}`);
  return state;
};
const loaded = (view = generateView()): PanelAction => ({ type: 'loaded', result: { ok: true, data: view } });
const failedSave = (code: 'CONFLICT' | 'FORBIDDEN' | 'TOO_LARGE' | 'JIRA_UNAVAILABLE', message = 'Backend sentence.'): PanelAction => ({
  type: 'saved',
  result: { ok: false, error: { code, message } },
});

describe('reducePanel', () => {
  it('shows the load error in place of the panel', () => {
    expect(run({ type: 'loaded', result: { ok: false, error: { code: 'NOT_FOUND', message: 'No such issue.' } } })).toEqual({
      status: 'failed',
      error: { code: 'NOT_FOUND', message: 'No such issue.' },
    });
  });

  it('starts editing from the saved text', () => {
    const state = asReady(run(loaded(), { type: 'edit' }));
    expect(state.mode).toBe('edit');
    expect(state.draft).toBe('1. Log in\n2. Click Refund');
  });

  it('starts editing an empty report from an empty draft', () => {
    expect(asReady(run(loaded(generateView({ report: null })), { type: 'edit' })).draft).toBe('');
  });

  it('does not open the editor when the person cannot edit', () => {
    expect(asReady(run(loaded(generateView({ canEdit: false })), { type: 'edit' })).mode).toBe('read');
  });

  it('returns to the summary with the saved version after a save', () => {
    const saved = generateView({ report: { ...generateView().report!, revision: 4, fields: { stepsToReproduce: 'new' } } });
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'saveStarted' }, { type: 'saved', result: { ok: true, data: saved } }));
    expect(state).toMatchObject({ mode: 'read', saving: false, notice: null, view: saved });
  });

  it('.ui: keeps the draft and marks the field on TOO_LARGE', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'change', draft: 'long' }, { type: 'saveStarted' }, failedSave('TOO_LARGE', 'Too long.')));
    expect(state).toMatchObject({ mode: 'edit', draft: 'long', saving: false, fieldError: 'Too long.', notice: null });
  });

  it('clears the field error once the person changes the text', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'invalid', message: 'Too long.' }, { type: 'change', draft: 'short' }));
    expect(state.fieldError).toBeNull();
  });

  it('.ui: on CONFLICT keeps the draft aside, leaves the editor and explains', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'change', draft: 'mine' }, { type: 'saveStarted' }, failedSave('CONFLICT')));
    expect(state).toMatchObject({ mode: 'read', strandedDraft: 'mine', notice: { tone: 'warning', message: COPY.conflict } });
  });

  it('shows the newer version reloaded after a conflict, keeping the notice and the draft', () => {
    const newer = generateView({ report: { ...generateView().report!, revision: 5, fields: { stepsToReproduce: 'theirs' } } });
    const state = asReady(
      run(loaded(), { type: 'edit' }, { type: 'change', draft: 'mine' }, failedSave('CONFLICT'), { type: 'reloaded', result: { ok: true, data: newer } }),
    );
    expect(state).toMatchObject({ view: newer, strandedDraft: 'mine', notice: { message: COPY.conflict } });
  });

  it('.ui: on FORBIDDEN hides editing for good and keeps the draft', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'change', draft: 'mine' }, failedSave('FORBIDDEN', 'You need Edit issues.')));
    expect(state).toMatchObject({ mode: 'read', editRevoked: true, strandedDraft: 'mine', notice: { tone: 'error', message: 'You need Edit issues.' } });
    expect(asReady(reducePanel(state, { type: 'edit' })).mode).toBe('read');
  });

  it('keeps editing with a banner on a transient failure', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'change', draft: 'mine' }, { type: 'saveStarted' }, failedSave('JIRA_UNAVAILABLE', 'Jira is busy.')));
    expect(state).toMatchObject({ mode: 'edit', draft: 'mine', saving: false, notice: { tone: 'error', message: 'Jira is busy.' } });
  });

  it('cancel drops the draft and any message', () => {
    const state = asReady(run(loaded(), { type: 'edit' }, { type: 'change', draft: 'mine' }, failedSave('JIRA_UNAVAILABLE'), { type: 'cancel' }));
    expect(state).toMatchObject({ mode: 'read', draft: '', notice: null, fieldError: null });
  });
});
