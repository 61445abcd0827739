import { describe, expect, it } from 'vitest';

import { postmortemSchema } from '../../contract/postmortem.contract';
import { blameHintsFor, overdueActions, publishBlockers, toMarkdown } from './postmortem';
import { generatePostmortem } from './testing/postmortem.factory';

describe('publishing', () => {
  it('lists what blocks publishing: summary, timeline, each unanswered question, each incomplete action', () => {
    const postmortem = generatePostmortem({
      summary: ' ',
      timeline: [],
      answers: { detect: 'yes' },
      actions: [{ id: 'a1', title: 'Alert', owner: null, dueDate: null, question: 'detect', issueKey: null }],
    });

    expect(publishBlockers(postmortem)).toEqual([
      'Write the summary.',
      'The timeline needs at least one visible entry.',
      'Answer “React”: How do we improve our reaction?',
      'Answer “Quick fix”: How do we stop the bleeding faster?',
      'Answer “Prevent”: How do we prevent it, or reduce its impact?',
      'Answer “Other areas of risk”: Where else does the same weakness exist?',
      'Action 1 (“Alert”) needs an owner and a due date.',
    ]);
  });

  it('a hidden-only timeline does not count', () => {
    const postmortem = generatePostmortem();
    const hidden = { ...postmortem, timeline: postmortem.timeline.map((entry) => ({ ...entry, hidden: true })) };

    expect(publishBlockers(hidden)).toEqual(['The timeline needs at least one visible entry.']);
  });
});

describe('blameHintsFor', () => {
  it('points at blame phrasing wherever it is written, never blocking', () => {
    const postmortem = generatePostmortem({ summary: 'It was human error.', answers: { ...generatePostmortem().answers, prevent: 'Dev should have tested it.' } });

    expect(blameHintsFor(postmortem).map((hint) => [hint.where, hint.phrase])).toEqual([
      ['Summary', 'human error'],
      ['Prevent', 'should have tested'],
    ]);
  });
});

describe('overdueActions', () => {
  it('flags actions past their due date whose issue is not done', () => {
    const postmortem = generatePostmortem({
      actions: [
        { id: 'a1', title: 'Late', owner: 'x', dueDate: '2026-11-01', question: 'detect', issueKey: 'SHOP-300' },
        { id: 'a2', title: 'Done late', owner: 'x', dueDate: '2026-11-01', question: 'react', issueKey: 'SHOP-301' },
        { id: 'a3', title: 'Not yet due', owner: 'x', dueDate: '2026-12-30', question: 'prevent', issueKey: null },
      ],
    });

    expect(overdueActions(postmortem, '2026-11-25', new Set(['SHOP-301'])).map((action) => action.id)).toEqual(['a1']);
  });
});

describe('toMarkdown', () => {
  it('exports every section in order, with times in the chosen zone and hidden entries left out', () => {
    const postmortem = generatePostmortem();
    const withHidden = { ...postmortem, timeline: [...postmortem.timeline, { ...postmortem.timeline[0]!, id: 't9', text: 'Secret aside', hidden: true }] };

    const markdown = toMarkdown(withHidden, { 'acc-devon-oncall': 'Devon Park' });

    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## Incident artifacts', '## Summary', '## Customer impact', '## Timeline', '## Contributing factors', '## What went well', '## Where we got lucky', '## Detect', '## React', '## Quick fix', '## Prevent', '## Other areas of risk', '## Action items', '## Remediation for affected customers']);
    expect(markdown).toContain('- Impact started: 20 Nov 2026, 15:00 (Europe/Berlin)');
    expect(markdown).toContain('Owner: Devon Park');
    expect(markdown).not.toContain('Secret aside');
  });
});

describe('postmortemSchema', () => {
  it('accepts the factory’s postmortem and rejects an unknown question', () => {
    expect(postmortemSchema.safeParse(generatePostmortem()).success).toBe(true);
    expect(postmortemSchema.safeParse(generatePostmortem({ answers: { blame: 'x' } as never })).success).toBe(false);
  });
});
