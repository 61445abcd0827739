import type { PostmortemView } from '@contract/postmortem.contract';
import { describe, expect, it } from 'vitest';

import { generatePostmortem } from '../../../../src/domain/postmortem/testing/postmortem.factory';
import { EDITOR_COPY, blameHintSentence, canEditPostmortem, editorStateOf, isEditorDirty, postmortemFieldOf, reduceEditor } from './postmortem-editor.state';

const view = (overrides: Partial<PostmortemView> = {}): PostmortemView => ({
  postmortem: generatePostmortem(),
  canEdit: true,
  blameHints: [],
  publishBlockers: [],
  actionIssues: {},
  overdueActionIds: [],
  names: { 'acc-devon-oncall': 'Devon' },
  ownerCandidates: ['acc-devon-oncall'],
  markdown: '# Payments outage',
  severityName: 'Critical',
  notice: null,
  review: { isOwner: true, isReviewer: false, approvedByYou: false, mayEdit: true, reviewers: [], publishMissing: [], published: null, history: [] },
  ...overrides,
});

const fail = (code: 'CONFLICT' | 'INVALID_INPUT' | 'TOO_LARGE' | 'FORBIDDEN', field?: string) => ({
  ok: false as const,
  error: { code, message: `${code} message`, ...(field === undefined ? {} : { field }) },
});

describe('reduceEditor', () => {
  it('edits the draft and knows it is dirty', () => {
    const state = reduceEditor(editorStateOf(view()), { type: 'edit', change: (d) => ({ ...d, summary: 'New' }) });
    expect(state.draft.summary).toBe('New');
    expect(isEditorDirty(state)).toBe(true);
  });

  it('ignores edits when read-only or busy', () => {
    const readOnly = editorStateOf(view({ canEdit: false }));
    expect(reduceEditor(readOnly, { type: 'edit', change: (d) => ({ ...d, summary: 'x' }) })).toBe(readOnly);
    const busy = reduceEditor(editorStateOf(view()), { type: 'started', change: 'save' });
    expect(reduceEditor(busy, { type: 'edit', change: (d) => ({ ...d, summary: 'x' }) })).toBe(busy);
  });

  it('after a save conflict, shows their version with the person’s changes on top, and hands back what both changed', () => {
    let state = reduceEditor(editorStateOf(view()), { type: 'edit', change: (d) => ({ ...d, summary: 'My words', answers: { ...d.answers, react: 'My react' } }) });
    state = reduceEditor(state, { type: 'started', change: 'save' });
    state = reduceEditor(state, { type: 'done', change: 'save', result: fail('CONFLICT') });
    expect(state.notice).toEqual({ tone: 'warning', message: EDITOR_COPY.conflict });
    expect(state.draft.summary).toBe('My words');
    const theirs = view({ postmortem: generatePostmortem({ summary: 'Their words', customerImpact: 'Their impact', revision: 4 }) });
    state = reduceEditor(state, { type: 'reloaded', result: { ok: true, data: theirs } });
    expect(state.view.postmortem.revision).toBe(4);
    expect(state.draft.summary).toBe('Their words');
    expect(state.draft.customerImpact).toBe('Their impact');
    expect(state.draft.answers.react).toBe('My react');
    expect(isEditorDirty(state)).toBe(true);
    expect(state.stranded).toEqual([{ label: 'Summary', mine: 'My words' }]);
    expect(state.notice?.message).toMatch(/your changes on top \(React\).*You both changed Summary/);
    expect(reduceEditor(state, { type: 'dismissStranded' }).stranded).toEqual([]);
  });

  it('discards the unsaved draft when the person leaves without saving, and says why the page stayed otherwise', () => {
    const edited = reduceEditor(editorStateOf(view()), { type: 'edit', change: (d) => ({ ...d, summary: 'Unsaved' }) });
    const blocked = reduceEditor(edited, { type: 'leaveBlocked' });
    expect(blocked.draft.summary).toBe('Unsaved');
    expect(blocked.notice).toEqual({ tone: 'warning', message: EDITOR_COPY.leaveBlocked });
    const discarded = reduceEditor(blocked, { type: 'discard' });
    expect(isEditorDirty(discarded)).toBe(false);
    expect(discarded.notice).toBeNull();
  });

  it('shows a too-large or invalid field on the field, and other failures in a banner', () => {
    const tooLarge = reduceEditor(editorStateOf(view()), { type: 'done', change: 'save', result: fail('TOO_LARGE', 'edit.summary') });
    expect(tooLarge.fieldErrors).toEqual({ summary: 'TOO_LARGE message' });
    expect(tooLarge.notice?.message).toBe('TOO_LARGE message');
    const invalid = reduceEditor(editorStateOf(view()), { type: 'done', change: 'save', result: fail('INVALID_INPUT', 'edit.timeline.3') });
    expect(invalid.fieldErrors).toEqual({});
    expect(invalid.notice).toEqual({ tone: 'error', message: 'INVALID_INPUT message' });
  });

  it('stops offering changes after FORBIDDEN', () => {
    const state = reduceEditor(editorStateOf(view()), { type: 'done', change: 'status', result: fail('FORBIDDEN') });
    expect(canEditPostmortem(state)).toBe(false);
  });

  it('replaces view and draft after a status change or a created issue', () => {
    const published = view({ postmortem: generatePostmortem({ status: 'published', revision: 4 }) });
    const state = reduceEditor(reduceEditor(editorStateOf(view()), { type: 'started', change: 'status' }), { type: 'done', change: 'status', result: { ok: true, data: published } });
    expect(state.busy).toBeNull();
    expect(state.view.postmortem.status).toBe('published');
    const conflict = reduceEditor(editorStateOf(view()), { type: 'done', change: { createIssueFor: 'a1' }, result: fail('CONFLICT') });
    expect(conflict.notice?.message).toBe(EDITOR_COPY.changeConflict);
    expect(conflict.stranded).toEqual([]);
  });

  it('shows what Jira did not take after an issue was filed, until the next change', () => {
    const notice = 'Filed OPS-12. Jira’s create screen for Task in OPS has no Labels field, so the label “improvement” was not set.';
    const filed = reduceEditor(editorStateOf(view()), { type: 'done', change: { createIssueFor: 'a1' }, result: { ok: true, data: view({ notice }) } });
    expect(filed.notice).toEqual({ tone: 'warning', message: notice });
    const saved = reduceEditor(filed, { type: 'done', change: 'save', result: { ok: true, data: view() } });
    expect(saved.notice).toBeNull();
  });
});

describe('words', () => {
  it('maps contract paths to editor fields', () => {
    expect(postmortemFieldOf('edit.actions.2.title')).toBe('actions.2.title');
    expect(postmortemFieldOf('edit.impact.usersAffected')).toBe('impact.usersAffected');
    expect(postmortemFieldOf('edit.answers.prevent')).toBe('answers.prevent');
    expect(postmortemFieldOf('baseRevision')).toBeUndefined();
    expect(postmortemFieldOf(undefined)).toBeUndefined();
  });

  it('names a blame hint by its question', () => {
    expect(blameHintSentence({ where: 'answers.prevent', phrase: 'should have', why: 'x', suggestion: 'describe what the system allowed.' })).toBe(
      'Blame phrasing: “should have” in Prevent — describe what the system allowed.',
    );
    expect(blameHintSentence({ where: 'summary', phrase: 'careless', why: 'x', suggestion: 'y' })).toBe('Blame phrasing: “careless” in summary — y');
  });
});
