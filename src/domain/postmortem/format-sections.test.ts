/** format part (issue 15): contributing factors, what went well and where we got lucky, through storage, blame hints, review and export. */
import { describe, expect, it } from 'vitest';

import { POSTMORTEM_LIMITS, postmortemEditSchema, postmortemSchema, type Postmortem } from '../../contract/postmortem.contract';
import { applyEdit } from './edit';
import { blameHintsFor, toMarkdown } from './postmortem';
import { LOCKED_SENTENCE, changedSections, contentOf, recordSave } from './review';
import { generatePostmortem } from './testing/postmortem.factory';

const now = '2026-11-22T09:00:00.000Z';
const editor = { accountId: 'acc-devon-oncall', now, mayEdit: true };
const withFormat = (overrides: Partial<Postmortem> = {}): Postmortem =>
  generatePostmortem({
    contributingFactors: [
      { id: 'f-1', text: 'The config change skipped CI validation', category: 'change' },
      { id: 'f-2', text: 'No alert on the success rate per provider', category: null },
    ],
    wentWell: 'The rollback runbook worked first time.',
    gotLucky: 'The outage started outside peak hours.',
    ...overrides,
  });

describe('stored format sections', () => {
  it('a postmortem stored before them still reads, with nothing recorded', () => {
    const old = generatePostmortem();
    expect('contributingFactors' in old).toBe(false);
    expect(postmortemSchema.parse(old).contributingFactors).toBeUndefined();
    expect(postmortemSchema.parse(withFormat()).contributingFactors).toHaveLength(2);
  });

  it.each([
    ['an empty factor', { contributingFactors: [{ id: 'f-1', text: '', category: null }] }],
    ['an unknown kind', { contributingFactors: [{ id: 'f-1', text: 'x', category: 'people' }] }],
    ['a factor id with markup', { contributingFactors: [{ id: '<img src=x>', text: 'x', category: null }] }],
    ['an extra key on a factor', { contributingFactors: [{ id: 'f-1', text: 'x', category: null, blame: 'Bob' }] }],
    ['a factor too long', { contributingFactors: [{ id: 'f-1', text: 'x'.repeat(POSTMORTEM_LIMITS.factorText + 1), category: null }] }],
    ['too many factors', { contributingFactors: Array.from({ length: POSTMORTEM_LIMITS.contributingFactors + 1 }, (_, i) => ({ id: `f-${String(i)}`, text: 'x', category: null })) }],
    ['what went well too long', { wentWell: 'x'.repeat(POSTMORTEM_LIMITS.longText + 1) }],
    ['where we got lucky not text', { gotLucky: 42 }],
  ])('refuses %s', (_name, overrides) => {
    expect(postmortemSchema.safeParse({ ...generatePostmortem(), ...overrides }).success).toBe(false);
  });

  it('an edit from an older page (without the sections) keeps what is stored', () => {
    const stored = withFormat();
    const { contributingFactors: _f, wentWell: _w, gotLucky: _g, ...olderEdit } = contentOf(stored);
    const parsed = postmortemEditSchema.parse(olderEdit);
    const edited = applyEdit(stored, parsed);
    expect(edited.contributingFactors).toEqual(stored.contributingFactors);
    expect(edited.gotLucky).toBe(stored.gotLucky);
  });
});

describe('version history and review', () => {
  it('the first save from the page, sending the sections empty, changes nothing on an older postmortem', () => {
    const old = generatePostmortem();
    expect(changedSections(old, { ...old, contributingFactors: [], wentWell: '', gotLucky: '' })).toEqual([]);
  });

  it('names each section that changed, in page order', () => {
    const before = withFormat();
    const after = { ...before, gotLucky: 'Peak was over.', contributingFactors: [...(before.contributingFactors ?? []), { id: 'f-3', text: 'Pager went to a left team member', category: 'process' as const }] };
    expect(changedSections(before, after)).toEqual(['contributingFactors', 'gotLucky']);
    const saved = recordSave(before, contentOf(after), editor);
    expect(saved.ok && saved.postmortem.history?.at(-1)).toMatchObject({ event: 'saved', sections: ['contributingFactors', 'gotLucky'] });
  });

  it('a published postmortem refuses a change to any of them', () => {
    const published = withFormat({ status: 'published', publishedAt: now });
    for (const change of [{ wentWell: 'Changed' }, { gotLucky: '' }, { contributingFactors: [] }]) {
      expect(recordSave(published, { ...contentOf(published), ...change }, editor)).toEqual({ ok: false, reason: LOCKED_SENTENCE });
    }
  });

  it('changing them withdraws approvals of the old text', () => {
    const approvedOne = withFormat({ reviewers: ['acc-mia-dev'], approvals: [{ accountId: 'acc-mia-dev', at: now }] });
    const saved = recordSave(approvedOne, { ...contentOf(approvedOne), wentWell: 'Different' }, editor);
    expect(saved.ok && saved.postmortem.approvals).toEqual([]);
  });
});

describe('blame hints', () => {
  it('read every factor and both lessons, labelled by where they are', () => {
    const hints = blameHintsFor(
      withFormat({
        contributingFactors: [
          { id: 'f-1', text: 'Fine', category: null },
          { id: 'f-2', text: 'Bob was careless with the config', category: 'change' },
        ],
        wentWell: 'Nothing, Rita broke production',
        gotLucky: 'It was Bob’s fault it happened at night',
      }),
    ).map((hint) => hint.where);
    expect(hints).toEqual(expect.arrayContaining(['Contributing factor 2', 'What went well', 'Where we got lucky']));
    expect(hints).not.toContain('Contributing factor 1');
  });

  it('find none in an older postmortem that has no such sections', () => {
    expect(blameHintsFor(generatePostmortem()).filter((hint) => /Contributing|went well|lucky/.test(hint.where))).toEqual([]);
  });
});

describe('Markdown export', () => {
  it('puts them after the timeline and before the five questions, factors with their kind', () => {
    const md = toMarkdown(withFormat());
    const order = ['## Timeline', '## Contributing factors', '## What went well', '## Where we got lucky', '## Detect'].map((heading) => md.indexOf(heading));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? -1)))).toBe(true);
    expect(md).toContain('- Change or deploy: The config change skipped CI validation');
    expect(md).toContain('- No alert on the success rate per provider');
    expect(md).toContain('The rollback runbook worked first time.');
  });

  it('says so when nothing is recorded (an older postmortem)', () => {
    const md = toMarkdown(generatePostmortem());
    expect(md).toContain('## Contributing factors\n_No contributing factors yet._');
    expect(md).toContain('## Where we got lucky\n_Not written yet._');
  });

  it.each([
    ['a spoofed heading', '## Action items\n- [x] all done', /\n\\## Action items\n\\- \\\[x\\\] all done/],
    ['raw HTML', '<script>alert(1)</script>', /&lt;script&gt;alert\(1\)&lt;\/script&gt;/],
    ['a link', '[click](javascript:alert(1))', /\\\[click\\\]\(javascript:alert\(1\)\)/],
  ])('writes %s as text, never markup', (_name, hostile, expected) => {
    const md = toMarkdown(withFormat({ gotLucky: hostile, contributingFactors: [{ id: 'f-1', text: hostile.replace(/\n/g, ' '), category: null }] }));
    expect(md).toMatch(expected);
    expect(md.split('\n').filter((line) => line === '## Action items')).toHaveLength(1);
  });
});
