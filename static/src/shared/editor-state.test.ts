import { describe, expect, it } from 'vitest';

import { NO_ERRORS, type SavedFormAction, type SavedFormRules, type SavedFormState, reduceSavedForm, refusalOf, withoutErrors } from './editor-state';
import type { ScreenState } from './screen-state';
import { mergeValue, newMergeNotes } from './three-way-merge';

interface View {
  readonly canEdit: boolean;
  readonly name: string;
}

const rules: SavedFormRules<View, string> = {
  draftOf: (view) => view.name,
  fieldOf: (path) => (path === 'name' ? 'name' : undefined),
  copy: { conflict: 'Someone else saved it. Loading theirs…', subject: 'the name' },
  merge: (base, mine, theirs) => {
    const notes = newMergeNotes();
    return { draft: mergeValue(notes, 'Name', base.name, mine, theirs.name, (value) => value), notes };
  },
};

type State = ScreenState<SavedFormState<View, string>>;
const run = (...actions: SavedFormAction<View, string>[]): State => actions.reduce((state: State, action) => reduceSavedForm(rules, state, action), { status: 'loading' });
const loaded = (name = 'Ada', canEdit = true): SavedFormAction<View, string> => ({ type: 'loaded', result: { ok: true, data: { canEdit, name } } });
const refused = (code: 'CONFLICT' | 'FORBIDDEN' | 'INVALID_INPUT', field?: string): SavedFormAction<View, string> => ({
  type: 'saved',
  result: { ok: false, error: { code, message: `${code}!`, ...(field === undefined ? {} : { field }) } },
});

describe('withoutErrors', () => {
  it('drops the keys an edit answers, and keeps the same map when none is there', () => {
    const errors = { a: '1', b: '2' };
    expect(withoutErrors(errors, 'a')).toEqual({ b: '2' });
    expect(withoutErrors(errors, ['a', 'b'])).toEqual({});
    expect(withoutErrors(errors, 'all')).toBe(NO_ERRORS);
    expect(withoutErrors(errors, 'c')).toBe(errors);
    expect(withoutErrors(errors, undefined)).toBe(errors);
  });
});

describe('refusalOf', () => {
  it('marks a field, or says why in a notice, and stops editing on lost permission', () => {
    expect(refusalOf({ kind: 'field', field: 'name', message: 'Too long.' })).toEqual({ fieldErrors: { name: 'Too long.' } });
    expect(refusalOf({ kind: 'banner', message: 'Jira is down.' })).toEqual({ notice: { tone: 'error', message: 'Jira is down.' } });
    expect(refusalOf({ kind: 'conflict', message: 'Theirs.' })).toEqual({ notice: { tone: 'warning', message: 'Theirs.' } });
    expect(refusalOf({ kind: 'forbidden', message: 'No.' })).toEqual({ notice: { tone: 'error', message: 'No.' }, editRevoked: true });
  });
});

describe('reduceSavedForm', () => {
  const rename: SavedFormAction<View, string> = { type: 'edit', change: () => 'Grace', clears: 'name' };

  it('edits only while it may, and saves', () => {
    expect(run(loaded('Ada', false), rename)).toMatchObject({ draft: 'Ada' });
    expect(run(loaded(), rename, { type: 'saveStarted' })).toMatchObject({ draft: 'Grace', saving: true });
    expect(run(loaded(), rename, { type: 'saveStarted' }, { type: 'saved', result: { ok: true, data: { canEdit: true, name: 'Grace' } } })).toMatchObject({ draft: 'Grace', saving: false, notice: null });
  });

  it('.ui: marks the field the backend names, and stops on FORBIDDEN', () => {
    expect(run(loaded(), rename, { type: 'saveStarted' }, refused('INVALID_INPUT', 'name'))).toMatchObject({ saving: false, fieldErrors: { name: 'INVALID_INPUT!' } });
    expect(run(loaded(), rename, { type: 'saveStarted' }, refused('FORBIDDEN'), rename)).toMatchObject({ editRevoked: true, draft: 'Grace' });
  });

  it('.ui: after a conflict, puts the draft on their version and says so; a form with nothing unsaved stays quiet', () => {
    const theirs: SavedFormAction<View, string> = { type: 'reloaded', result: { ok: true, data: { canEdit: true, name: 'Ada L.' } } };
    const conflicted = run(loaded(), { type: 'saveStarted' }, refused('CONFLICT'), theirs);
    expect(conflicted).toMatchObject({ draft: 'Ada L.', notice: { tone: 'warning', message: expect.stringContaining('you had no unsaved changes') as string } });
    expect(run(loaded(), theirs)).toMatchObject({ draft: 'Ada L.', notice: null });
    expect(run(loaded(), rename, theirs)).toMatchObject({ draft: 'Ada L.', notice: { message: expect.stringContaining('Name: yours was “Grace”') as string } });
  });
});
