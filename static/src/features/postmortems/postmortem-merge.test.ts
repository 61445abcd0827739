import { describe, expect, it } from 'vitest';

import { generatePostmortem } from '../../../../src/domain/postmortem/testing/postmortem.factory';
import { type PostmortemDraft, draftOf } from './postmortem-draft';
import { mergeDrafts, mergeSentence } from './postmortem-merge';

const base = draftOf(generatePostmortem());
const change = (draft: PostmortemDraft, edit: Partial<PostmortemDraft>): PostmortemDraft => ({ ...draft, ...edit });

describe('mergeDrafts', () => {
  it('puts my changes on top of theirs where we changed different things', () => {
    const mine = change(base, { summary: 'My summary', answers: { ...base.answers, detect: 'My detect' } });
    const theirs = change(base, { customerImpact: 'Their impact', answers: { ...base.answers, prevent: 'Their prevent' } });
    const merged = mergeDrafts(base, mine, theirs);
    expect(merged.draft.summary).toBe('My summary');
    expect(merged.draft.answers.detect).toBe('My detect');
    expect(merged.draft.customerImpact).toBe('Their impact');
    expect(merged.draft.answers.prevent).toBe('Their prevent');
    expect(merged.kept).toEqual(['Summary', 'Detect']);
    expect(merged.conflicts).toEqual([]);
  });

  it('keeps theirs where we both changed the same text, and hands mine back', () => {
    const merged = mergeDrafts(base, change(base, { summary: 'Mine' }), change(base, { summary: 'Theirs' }));
    expect(merged.draft.summary).toBe('Theirs');
    expect(merged.conflicts).toEqual([{ label: 'Summary', mine: 'Mine' }]);
    expect(mergeSentence(merged)).toMatch(/You both changed Summary: theirs is shown, yours is below/);
  });

  it('is no conflict when we made the same change', () => {
    const merged = mergeDrafts(base, change(base, { summary: 'Same' }), change(base, { summary: 'Same' }));
    expect(merged.draft.summary).toBe('Same');
    expect(merged.conflicts).toEqual([]);
  });

  it('merges actions item by item: their new one and mine both stay, my edit applies', () => {
    const mineAction = { id: 'a-mine', title: 'My action', owner: '', dueDate: '', question: 'react' as const, issueKey: null };
    const theirAction = { id: 'a-theirs', title: 'Their action', owner: '', dueDate: '', question: 'detect' as const, issueKey: null };
    const [first] = base.actions;
    if (first === undefined) throw new Error('factory has an action');
    const mine = change(base, { actions: [{ ...first, dueDate: '2026-12-24' }, mineAction] });
    const theirs = change(base, { actions: [first, theirAction] });
    const merged = mergeDrafts(base, mine, theirs);
    expect(merged.draft.actions.map((action) => [action.id, action.dueDate])).toEqual([
      ['a1', '2026-12-24'],
      ['a-theirs', ''],
      ['a-mine', ''],
    ]);
    expect(merged.conflicts).toEqual([]);
  });

  it('does not drop an item I changed that they removed, nor remove one they changed', () => {
    const [first] = base.remediation;
    if (first === undefined) throw new Error('factory has a remediation item');
    const iChanged = mergeDrafts(base, change(base, { remediation: [{ ...first, done: true }] }), change(base, { remediation: [] }), { 'acc-rita-support': 'Rita Reyes' });
    expect(iChanged.draft.remediation).toEqual([]);
    expect(iChanged.conflicts).toEqual([{ label: 'Remediation “Resend order confirmations”', mine: 'Resend order confirmations · owner Rita Reyes · high priority · done' }]);
    const theyChanged = mergeDrafts(base, change(base, { remediation: [] }), change(base, { remediation: [{ ...first, priority: 'low' }] }));
    expect(theyChanged.draft.remediation).toEqual([{ ...first, priority: 'low' }]);
  });

  it('merges timeline notes per entry and keeps it oldest first', () => {
    const mine = change(base, { timeline: base.timeline.map((entry) => (entry.id === 't1' ? { ...entry, note: 'Pager fired late' } : entry)) });
    const manual = { id: 'manual-1', at: '2026-11-20T14:05:00.000Z', who: 'acc-sam-scrum', kind: 'manual' as const, issueKey: null, text: 'Deploy started', hidden: false, note: '' };
    const theirs = change(base, { timeline: [...base.timeline, manual] });
    const merged = mergeDrafts(base, mine, theirs);
    expect(merged.draft.timeline.map((entry) => [entry.id, entry.note])).toEqual([
      ['manual-1', ''],
      ['t1', 'Pager fired late'],
      ['t2', ''],
    ]);
  });

  it('merges incidents and artifacts as sets', () => {
    const mine = change(base, { incidents: [...base.incidents, 'SHOP-2'], artifacts: [] });
    const theirs = change(base, { incidents: [...base.incidents, 'SHOP-3'], artifacts: [...base.artifacts, { key: 'new', label: 'Logs', url: 'https://logs.example' }] });
    const merged = mergeDrafts(base, mine, theirs);
    expect(merged.draft.incidents).toEqual(['SHOP-155', 'SHOP-3', 'SHOP-2']);
    expect(merged.draft.artifacts.map(({ label }) => label)).toEqual(['Logs']);
  });

  it('says so when I had nothing unsaved', () => {
    const merged = mergeDrafts(base, base, change(base, { summary: 'Theirs' }));
    expect(merged.draft.summary).toBe('Theirs');
    expect(mergeSentence(merged)).toMatch(/you had no unsaved changes/);
  });
});
