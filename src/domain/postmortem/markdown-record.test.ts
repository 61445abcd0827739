import { describe, expect, it } from 'vitest';

import { toMarkdown } from './postmortem';
import { generatePostmortem } from './testing/postmortem.factory';

const entry = { id: 'SHOP-1:created', at: '2026-11-20T14:12:00.000Z', who: 'acc-rita', kind: 'created' as const, issueKey: 'SHOP-1', text: 'SHOP-1 created', hidden: false, note: '' };
const action = (id: string, issueKey: string | null) => ({ id, title: `Action ${id}`, owner: 'acc-devon', dueDate: '2026-11-25', question: 'detect' as const, issueKey });

describe('toMarkdown says what the page says (record part)', () => {
  it('reads timeline times in the postmortem’s zone and names the zone in the heading', () => {
    const markdown = toMarkdown(generatePostmortem({ timeline: [entry], impact: { ...generatePostmortem().impact, timeZone: 'Europe/Berlin' } }));
    expect(markdown).toContain('| When (Europe/Berlin) | Who | What |');
    expect(markdown).toContain('| 20 Nov 2026, 15:12 |');
    expect(markdown).not.toContain('(UTC)');
  });

  it('falls back to UTC, and says so, for a zone name Intl does not know', () => {
    const markdown = toMarkdown(generatePostmortem({ timeline: [entry], impact: { ...generatePostmortem().impact, timeZone: 'Mars/Olympus' } }));
    expect(markdown).toContain('| When (UTC) | Who | What |');
    expect(markdown).toContain('| 20 Nov 2026, 14:12 |');
  });

  it('gives each action its Jira status and the overdue flag the page shows', () => {
    const pm = generatePostmortem({ actions: [action('a1', 'SHOP-7'), action('a2', null), action('a3', 'SHOP-9')] });
    const markdown = toMarkdown(pm, { 'acc-devon': 'Devon Park' }, undefined, {
      actionIssues: { 'SHOP-7': { status: 'In Progress', done: false, missing: false }, 'SHOP-9': { status: '', done: false, missing: true } },
      overdueActionIds: ['a1'],
    });
    const lines = markdown.split('\n').filter((line) => line.includes('Action a'));
    expect(lines).toEqual([
      '- [SHOP-7] Action a1 — Devon Park, due 2026-11-25 (Detect) · In Progress · **OVERDUE**',
      '- [no issue yet] Action a2 — Devon Park, due 2026-11-25 (Detect) · not filed',
      '- [SHOP-9] Action a3 — Devon Park, due 2026-11-25 (Detect) · issue not found',
    ]);
  });

  it('gives time to detect, mitigate and resolve from the impact times, or says why not', () => {
    const impact = { ...generatePostmortem().impact, started: '2026-11-20T14:00:00.000Z', detected: '2026-11-20T14:12:00.000Z', mitigated: null, resolved: '2026-11-20T13:00:00.000Z' };
    const lines = toMarkdown(generatePostmortem({ impact })).split('\n').filter((line) => line.startsWith('- Time to'));
    expect(lines).toEqual(['- Time to detect: 12 minutes', '- Time to mitigate: not known: enter when it was mitigated', '- Time to resolve: not shown: resolved is before the impact started']);
  });

  it('writes a hostile status as text', () => {
    const markdown = toMarkdown(generatePostmortem({ actions: [action('a1', 'SHOP-7')] }), {}, undefined, { actionIssues: { 'SHOP-7': { status: '<b>*Done*</b>', done: false, missing: false } }, overdueActionIds: [] });
    expect(markdown).toContain('· &lt;b&gt;\\*Done\\*&lt;/b&gt;');
  });
});
