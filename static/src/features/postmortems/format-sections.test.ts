/** format part (issue 15): the draft of contributing factors and lessons, its checks, and the merge after a conflict. */
import { describe, expect, it } from 'vitest';

import { POSTMORTEM_LIMITS } from '@contract/postmortem.values';
import { generatePostmortem } from '../../../../src/domain/postmortem/testing/postmortem.factory';
import { DRAFT_COPY, type PostmortemDraft, draftOf, draftToEdit, isDraftDirty, newFactor } from './postmortem-draft';
import { mergeDrafts, mergeSentence } from './postmortem-merge';

const saved = generatePostmortem({
  contributingFactors: [{ id: 'f-1', text: 'The config change skipped CI validation', category: 'change' }],
  wentWell: 'Rollback worked.',
  gotLucky: '',
});
const base = draftOf(saved);
const change = (draft: PostmortemDraft, edit: Partial<PostmortemDraft>): PostmortemDraft => ({ ...draft, ...edit });

describe('draft of the format sections', () => {
  it('reads an older postmortem as empty and is not dirty for it', () => {
    const old = generatePostmortem();
    const draft = draftOf(old);
    expect(draft.contributingFactors).toEqual([]);
    expect(draft.lessons).toEqual({ wentWell: '', gotLucky: '' });
    expect(isDraftDirty(draft, old)).toBe(false);
  });

  it('round-trips: kind "Not named" is stored as null, texts are trimmed', () => {
    const draft = change(base, { contributingFactors: [...base.contributingFactors, { ...newFactor(base, 7), text: '  Pager went to a team member on leave ' }] });
    const result = draftToEdit(draft);
    expect(result.ok && result.edit.contributingFactors).toEqual([
      { id: 'f-1', text: 'The config change skipped CI validation', category: 'change' },
      { id: 'f-7', text: 'Pager went to a team member on leave', category: null },
    ]);
    expect(result.ok && [result.edit.wentWell, result.edit.gotLucky]).toEqual(['Rollback worked.', '']);
  });

  it.each([
    ['a blank factor', change(base, { contributingFactors: [{ id: 'f-1', text: '   ', category: '' }] }), 'contributingFactors.0.text', DRAFT_COPY.factorText],
    ['a factor too long', change(base, { contributingFactors: [{ id: 'f-1', text: 'x'.repeat(POSTMORTEM_LIMITS.factorText + 1), category: '' }] }), 'contributingFactors.0.text', DRAFT_COPY.tooLong(POSTMORTEM_LIMITS.factorText)],
    ['what went well too long', change(base, { lessons: { ...base.lessons, wentWell: 'x'.repeat(POSTMORTEM_LIMITS.longText + 1) } }), 'wentWell', DRAFT_COPY.tooLong(POSTMORTEM_LIMITS.longText)],
  ])('names the field for %s', (_name, draft, path, message) => {
    const result = draftToEdit(draft);
    expect(result.ok ? {} : result.errors).toEqual({ [path]: message });
  });

  it('gives new factors ids the contract takes, unique among the rest', () => {
    const first = newFactor(base, 1);
    const second = newFactor(change(base, { contributingFactors: [first] }), 1);
    expect(first.id).toMatch(/^f-[a-z0-9]+$/);
    expect(second.id).not.toBe(first.id);
  });
});

describe('merging the format sections after a conflict', () => {
  it('two people editing different new fields at once: both changes stay', () => {
    const mine = change(base, { lessons: { ...base.lessons, gotLucky: 'It was a quiet Sunday.' } });
    const theirs = change(base, { contributingFactors: [...base.contributingFactors, { id: 'f-2', text: 'No alert per provider', category: 'monitoring' }] });
    const merged = mergeDrafts(base, mine, theirs);
    expect(merged.draft.lessons.gotLucky).toBe('It was a quiet Sunday.');
    expect(merged.draft.contributingFactors.map((factor) => factor.id)).toEqual(['f-1', 'f-2']);
    expect(merged.kept).toEqual(['Where we got lucky']);
    expect(merged.conflicts).toEqual([]);
  });

  it('my new factor and their new factor both stay; my edit of one they left applies', () => {
    const mine = change(base, { contributingFactors: [{ id: 'f-1', text: 'Config change skipped CI', category: 'process' }, { id: 'f-3', text: 'Mine', category: '' }] });
    const theirs = change(base, { contributingFactors: [...base.contributingFactors, { id: 'f-2', text: 'Theirs', category: '' }] });
    const merged = mergeDrafts(base, mine, theirs);
    expect(merged.draft.contributingFactors.map((factor) => [factor.id, factor.text])).toEqual(
      expect.arrayContaining([
        ['f-1', 'Config change skipped CI'],
        ['f-2', 'Theirs'],
        ['f-3', 'Mine'],
      ]),
    );
    expect(merged.conflicts).toEqual([]);
  });

  it('both changing the same lesson keeps theirs and hands mine back to copy', () => {
    const merged = mergeDrafts(base, change(base, { lessons: { ...base.lessons, wentWell: 'Mine' } }), change(base, { lessons: { ...base.lessons, wentWell: 'Theirs' } }));
    expect(merged.draft.lessons.wentWell).toBe('Theirs');
    expect(merged.conflicts).toEqual([{ label: 'What went well', mine: 'Mine' }]);
    expect(mergeSentence(merged)).toMatch(/You both changed What went well/);
  });

  it('both editing the same factor keeps theirs and hands mine back, kind by name', () => {
    const merged = mergeDrafts(
      base,
      change(base, { contributingFactors: [{ id: 'f-1', text: 'Mine', category: 'tooling' }] }),
      change(base, { contributingFactors: [{ id: 'f-1', text: 'Theirs', category: 'change' }] }),
    );
    expect(merged.draft.contributingFactors).toEqual([{ id: 'f-1', text: 'Theirs', category: 'change' }]);
    expect(merged.conflicts[0]?.mine).toBe('Tooling: Mine');
  });
});
