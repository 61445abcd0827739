import { describe, expect, it } from 'vitest';

import type { ActionItem } from '../../contract/postmortem.contract';
import { toMarkdown } from './postmortem';
import { generatePostmortem } from './testing/postmortem.factory';

/** fixes part (issue 15): the export says what the page says about triage and proof, in the viewer's locale. */

const DECIDED = { by: 'acc-mia-dev', at: '2026-11-20T14:12:00.000Z' };
const action = (changes: Partial<ActionItem> = {}): ActionItem => ({ id: 'a1', title: 'Alert per provider', owner: 'acc-devon', dueDate: '2026-11-25', question: 'detect', issueKey: 'SHOP-9', ...changes });
const names = { 'acc-mia-dev': 'Mia Chen', 'acc-devon': 'Devon Park' };
const berlin = { ...generatePostmortem().impact, timeZone: 'Europe/Berlin' };
const notesUnder = (markdown: string): string[] => {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('- [SHOP-9]'));
  const notes: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  - ')) break;
    notes.push(line);
  }
  return notes;
};

describe('toMarkdown: each action’s decision and proof, as the page words them', () => {
  it('names who decided and who verified, when (in the postmortem’s zone) and how', () => {
    const pm = generatePostmortem({
      impact: berlin,
      actions: [action({ triage: { decision: 'accepted', reason: 'Top *risk*', ...DECIDED }, verification: { how: 'Drill passed', link: 'https://grafana.example/d/1', ...DECIDED } })],
    });
    expect(notesUnder(toMarkdown(pm, names))).toEqual([
      '  - Accepted by Mia Chen, 20 Nov 2026, 15:12 (Europe/Berlin): Top \\*risk\\*',
      '  - Verified by Mia Chen, 20 Nov 2026, 15:12 (Europe/Berlin): Drill passed — [https://grafana.example/d/1](https://grafana.example/d/1)',
    ]);
  });

  it.each([
    ['a deferred action with its reason', action({ issueKey: null, triage: { decision: 'deferred', reason: 'Next quarter', ...DECIDED } }), ['  - Deferred by Mia Chen, 20 Nov 2026, 15:12 (Europe/Berlin): Next quarter']],
    ['an undecided action', action({ issueKey: null }), ['  - Proposed, not decided']],
    ['a proof that is only a link', action({ triage: { decision: 'accepted', reason: '', ...DECIDED }, verification: { how: '', link: 'https://ci.example/run/7', ...DECIDED } }), ['  - Accepted by Mia Chen, 20 Nov 2026, 15:12 (Europe/Berlin)', '  - Verified by Mia Chen, 20 Nov 2026, 15:12 (Europe/Berlin): [https://ci.example/run/7](https://ci.example/run/7)']],
    ['a hostile proof, kept as text', action({ triage: { decision: 'accepted', reason: '', ...DECIDED }, verification: { how: '<img src=x onerror=alert(1)>\n# done', link: null, ...DECIDED } }), ['  - Accepted by Mia Chen, 20 Nov 2026, 15:12 (Europe/Berlin)', '  - Verified by Mia Chen, 20 Nov 2026, 15:12 (Europe/Berlin): &lt;img src=x onerror=alert(1)&gt; # done']],
    ['a decider Jira gives no name for', action({ triage: { decision: 'accepted', reason: '', by: 'acc-gone', at: DECIDED.at } }), ['  - Accepted by someone, 20 Nov 2026, 15:12 (Europe/Berlin)']],
  ] as const)('%s', (_case, item, expected) => {
    const markdown = toMarkdown(generatePostmortem({ impact: berlin, actions: [item] }), names);
    const line = markdown.split('\n').findIndex((text) => text.includes('Alert per provider'));
    expect(markdown.split('\n').slice(line + 1, line + 1 + expected.length)).toEqual(expected);
  });
});

describe('toMarkdown reads dates in the viewer’s locale, in the zone the postmortem chose', () => {
  const entry = { id: 'SHOP-1:created', at: '2026-11-20T14:12:00.000Z', who: 'acc-rita', kind: 'created' as const, issueKey: 'SHOP-1', text: 'SHOP-1 created', hidden: false, note: '' };
  const pm = generatePostmortem({ timeline: [entry], impact: { ...berlin, started: '2026-11-20T14:00:00.000Z' } });

  it.each([
    ['en-US', 'Nov 20, 2026, 03:12 PM', 'Nov 20, 2026, 03:00 PM'],
    ['de-DE', '20. Nov. 2026, 15:12', '20. Nov. 2026, 15:00'],
    ['en-GB', '20 Nov 2026, 15:12', '20 Nov 2026, 15:00'],
    ['en_US', 'Nov 20, 2026, 03:12 PM', 'Nov 20, 2026, 03:00 PM'],
  ])('%s', (locale, timelineTime, startedTime) => {
    const markdown = toMarkdown(pm, {}, undefined, undefined, { locale });
    expect(markdown).toContain(`| ${timelineTime} |`);
    expect(markdown).toContain(`- Impact started: ${startedTime} (Europe/Berlin)`);
    expect(markdown).toContain('| When (Europe/Berlin) | Who | What |');
  });

  it.each([['not-a-locale-!!'], ['']])('falls back to en-GB for a locale Intl refuses (%j)', (locale) => {
    expect(toMarkdown(pm, {}, undefined, undefined, { locale })).toContain('| 20 Nov 2026, 15:12 |');
  });
});
