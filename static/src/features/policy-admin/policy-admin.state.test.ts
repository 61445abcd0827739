import { describe, expect, it } from 'vitest';

import { DEFAULT_POLICY, POLICY_PRESETS } from '../../../../src/domain/policy/presets';
import { generatePolicyView } from '../../shared/testing/policy-view.factory';
import { updateLevel } from '../../shared/policy-editor/policy-form';
import { POLICY_COPY, budgetSentence, budgetThisWeek, changedBy, reducePolicy, sourceSentence, weekStart } from './policy-admin.state';
import { type PolicyAction, type PolicyEditingState, type PolicyState, initialPolicyState, isPolicyDirty } from '../../shared/policy-editor/policy-editor.state';

const run = (...actions: PolicyAction[]): PolicyState => actions.reduce(reducePolicy, initialPolicyState);
const asReady = (state: PolicyState): PolicyEditingState => {
  if (state.status !== 'ready') throw new Error(`expected ready, got ${state.status}`);
  return state;
};
const loaded = (view = generatePolicyView()): PolicyAction => ({ type: 'loaded', result: { ok: true, data: view } });
const rename: PolicyAction = { type: 'edit', clears: 'levels.0.name', change: (draft) => updateLevel(draft, 0, { name: 'Blocker' }) };

describe('reducePolicy', () => {
  it('edits a draft and knows it is unsaved', () => {
    const state = asReady(run(loaded(), rename));
    expect(state.draft.levels[0]?.name).toBe('Blocker');
    expect(isPolicyDirty(state)).toBe(true);
    expect(isPolicyDirty(asReady(run(loaded())))).toBe(false);
  });

  it('does not change anything for someone who may not edit', () => {
    expect(isPolicyDirty(asReady(run(loaded(generatePolicyView({ canEdit: false })), rename)))).toBe(false);
  });

  it('.ui: marks the control the backend names, and clears it when edited', () => {
    const refused: PolicyAction = { type: 'saved', result: { ok: false, error: { code: 'INVALID_INPUT', message: 'No such priority.', field: 'policy.levels.2.jiraPriority' } } };
    const state = asReady(run(loaded(), { type: 'saveStarted' }, refused));
    expect(state).toMatchObject({ saving: false, fieldErrors: { 'levels.2.jiraPriority': 'No such priority.' } });
    expect(asReady(reducePolicy(state, { type: 'edit', clears: 'levels.2.jiraPriority', change: (d) => d })).fieldErrors).toEqual({});
  });

  it('.ui: shows an error without a known field as a banner', () => {
    const state = asReady(run(loaded(), { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'INVALID_INPUT', message: 'Choose a preset.', field: 'policy' } } }));
    expect(state.notice).toEqual({ tone: 'error', message: 'Choose a preset.' });
  });

  it('.ui: on CONFLICT explains, then shows their version, with the edits they made impossible quoted back', () => {
    const theirs = generatePolicyView({ version: 3, source: 'site', policy: POLICY_PRESETS[2]?.policy ?? DEFAULT_POLICY });
    const conflicted = asReady(run(loaded(), rename, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } }));
    expect(conflicted.notice).toEqual({ tone: 'warning', message: POLICY_COPY.conflict });
    const state = asReady(reducePolicy(conflicted, { type: 'reloaded', result: { ok: true, data: theirs } }));
    expect(state.view).toBe(theirs);
    expect(state.draft.levels.map((level) => level.id)).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(state.notice).toMatchObject({ tone: 'warning', message: expect.stringContaining('yours was “name: Blocker') as string });
  });

  it('.ui: after a CONFLICT, puts the admin’s unsaved edits back on top of the newer version', () => {
    const base = generatePolicyView({ version: 2, source: 'site' });
    const theirPolicy = { levels: DEFAULT_POLICY.levels.map((level, index) => (index === 1 ? { ...level, responseTargetMinutes: 45 } : level)) };
    const theirs = generatePolicyView({ version: 3, source: 'site', policy: theirPolicy });
    const state = asReady(
      run(loaded(base), rename, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } }, { type: 'reloaded', result: { ok: true, data: theirs } }),
    );
    expect(state.view.version).toBe(3);
    expect(state.draft.levels[0]?.name).toBe('Blocker');
    expect(state.draft.levels[1]?.responseTarget).toEqual({ amount: '45', unit: 'minutes' });
    expect(isPolicyDirty(state)).toBe(true);
    expect(state.notice).toEqual({
      tone: 'warning',
      message: 'Someone else saved the severity policy while you were editing. Their version is shown with your changes on top (Critical: name). Check it, then save again.',
    });
  });

  it('.ui: after a CONFLICT where both changed the same thing, keeps theirs and quotes mine', () => {
    const theirPolicy = { levels: DEFAULT_POLICY.levels.map((level, index) => (index === 0 ? { ...level, name: 'Sev 1' } : level)) };
    const theirs = generatePolicyView({ version: 3, source: 'site', policy: theirPolicy });
    const state = asReady(run(loaded(), rename, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } }, { type: 'reloaded', result: { ok: true, data: theirs } }));
    expect(state.draft.levels[0]?.name).toBe('Sev 1');
    expect(state.notice?.message).toContain('You both changed some things, and theirs is kept there (Critical: name: yours was “Blocker”)');
  });

  it('starts again from the saved version', () => {
    const saved = generatePolicyView({ version: 1, source: 'site' });
    const state = asReady(run(loaded(), rename, { type: 'saveStarted' }, { type: 'saved', result: { ok: true, data: saved } }));
    expect(state).toMatchObject({ view: saved, saving: false, notice: null });
  });

  it('stops editing on FORBIDDEN', () => {
    const state = asReady(run(loaded(), { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'FORBIDDEN', message: 'Admins only.' } } }));
    expect(state).toMatchObject({ editRevoked: true, notice: { message: 'Admins only.' } });
  });
});

describe('sentences', () => {
  it('says the budget of the top level, as a warning when over', () => {
    expect(budgetSentence({ levelName: 'Critical', used: 2, budget: 1, exceeded: true })).toEqual({ text: 'Critical this week: 2 of 1 — over budget: quality work takes precedence', exceeded: true });
    expect(budgetSentence({ levelName: 'Critical', used: 0, budget: 1, exceeded: false })).toEqual({ text: 'Critical this week: 0 of 1 — within budget', exceeded: false });
    expect(budgetSentence(null)).toBeNull();
  });

  it('says where the policy comes from', () => {
    expect(sourceSentence({ source: 'default', version: 0 })).toMatch(/default/);
    expect(sourceSentence({ source: 'site', version: 4 })).toMatch(/version 4/);
  });
});

describe('the page in the viewer’s words', () => {
  it('counts Critical this week in the viewer’s calendar week, from the decisions', () => {
    const budget = { levelName: 'Critical', used: 9, budget: 1, exceeded: true, decidedAt: ['2026-11-29T22:30:00.000Z', '2026-11-30T08:00:00.000Z', '2026-11-26T10:00:00.000Z'] };
    const monday = new Date('2026-11-30T12:00:00.000Z');
    // Berlin's Monday began at 23:00 UTC on Sunday: the 22:30 decision was last week there.
    expect(budgetThisWeek(budget, monday, 'Europe/Berlin', 'de-DE')).toEqual({ levelName: 'Critical', used: 1, budget: 1, exceeded: false });
    // In Tokyo it was already Monday at 22:30 UTC on Sunday.
    expect(budgetThisWeek(budget, monday, 'Asia/Tokyo', 'de-DE')?.used).toBe(2);
    expect(budgetThisWeek({ ...budget, decidedAt: undefined }, monday, 'UTC', 'en-GB')?.used).toBe(9);
  });

  it('starts the week on the given first day, at midnight in the zone', () => {
    expect(weekStart(new Date('2026-12-02T12:00:00.000Z'), 'UTC', 1)).toBe('2026-11-30T00:00:00Z');
    expect(weekStart(new Date('2026-12-02T12:00:00.000Z'), 'America/New_York', 7)).toBe('2026-11-29T05:00:00Z');
  });

  it('names who changed the policy, never by account id', () => {
    const view = generatePolicyView({ names: { 'acc-ada-admin': 'Ada Lindqvist' } });
    expect(changedBy(view, 'acc-ada-admin')).toBe('Ada Lindqvist');
    expect(changedBy(view, 'acc-gone')).not.toContain('acc-');
  });
});
