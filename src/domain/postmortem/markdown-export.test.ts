/**
 * The Markdown export is pasted into wikis, tickets and chat tools, each with its own renderer. Its
 * text comes from people (and names from Jira), so hostile content must come out as text: no raw
 * HTML, no link or image whose target the author chose beyond the http(s) artifacts, no table cell
 * that grows rows. Checked by rendering with markdown-it, a CommonMark renderer with HTML switched
 * on (the most permissive setting a wiki may use).
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';

import { toMarkdown } from './postmortem';
import { generatePostmortem } from './testing/postmortem.factory';

const render = (markdown: string): string => new MarkdownIt({ html: true, linkify: true }).render(markdown);

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(2)">',
  '[click me](javascript:alert(3))',
  '![pixel](https://tracker.example/p.gif)',
  '<javascript:alert(4)>',
  '<a href="javascript:alert(5)">x</a>',
].join(' ');

const hostilePostmortem = () => {
  const base = generatePostmortem();
  return generatePostmortem({
    title: `Outage <b>bold</b>\n# Not a heading`,
    summary: `${HOSTILE}\n# Fake section\n> quoted\n- [evil](data:text/html,hi)`,
    customerImpact: '<iframe src="https://evil.example"></iframe>',
    artifacts: [
      { label: 'Board](javascript:alert(6)) [x', url: 'https://grafana.example/d/a)[evil](javascript:alert(7)' },
      { label: '<em>logs</em>', url: 'https://logs.example/q?x=<script>' },
    ],
    timeline: [
      { ...base.timeline[0]!, text: 'Comment: first | second\n| forged | row | here |\n|---|---|---|', note: '<b>note</b>' },
      { ...base.timeline[1]!, who: 'Ops <img src=x onerror=alert(8)>', kind: 'manual', text: 'Rolled back\r\nthen [link](javascript:alert(9))' },
    ],
    answers: { ...base.answers, detect: '```\n<script>alert(10)</script>\n```', prevent: '    <script>indented</script>' },
    actions: [{ id: 'a1', title: 'Fix <script>alert(11)</script> | pipes', owner: 'acc-evil', dueDate: '2026-12-04', question: 'detect', issueKey: null }],
    remediation: [{ id: 'r1', title: '[win](javascript:alert(12))', owner: 'acc-evil', priority: 'high', done: false }],
  });
};

describe('toMarkdown with hostile content', () => {
  const names = { 'acc-evil': 'Eve <script>alert(13)</script>', 'acc-devon-oncall': 'Devon [Park](javascript:alert(14))' };

  it('renders no raw HTML anywhere', () => {
    const html = render(toMarkdown(hostilePostmortem(), names));

    expect(html).not.toMatch(/<(script|img|iframe)[\s>]/i);
    expect(html).not.toMatch(/<(b|em)>(bold|logs|note)/);
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders no image, and no link but to http(s) addresses, whatever the text says', () => {
    const html = render(toMarkdown(hostilePostmortem(), names));

    const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1] ?? '');
    // Bare http(s) addresses in the text may be autolinked by the renderer (GFM does): they read as what they are.
    expect(hrefs.filter((href) => !/^https?:\/\//.test(href))).toEqual([]);
    expect(hrefs.filter((href) => href.startsWith('https://grafana.example/') || href.startsWith('https://logs.example/'))).toHaveLength(2);
    expect(html).not.toContain('<img');
  });

  it('keeps each artifact’s link target whole, with its label as text', () => {
    const html = render(toMarkdown(hostilePostmortem(), names));

    expect(html).toContain('href="https://grafana.example/d/a%29%5Bevil%5D%28javascript:alert%287%29"');
    expect(html).toContain('>Board](javascript:alert(6)) [x</a>');
    expect(html).toContain('href="https://logs.example/q?x=%3Cscript%3E"');
  });

  it('keeps one table row per visible timeline entry: pipes and newlines stay inside their cell', () => {
    const html = render(toMarkdown(hostilePostmortem(), names));

    const table = html.slice(html.indexOf('<table>'), html.indexOf('</table>'));
    expect(table.match(/<tr>/g)).toHaveLength(3);
    expect(table.match(/<td>/g)).toHaveLength(6);
    expect(table).toContain('first | second');
    expect(table).not.toContain('<td>forged</td>');
  });

  it('adds no headings, quotes or lists of the author’s own: sections stay the export’s', () => {
    const html = render(toMarkdown(hostilePostmortem(), names));

    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).not.toContain('<h1>Not a heading');
    expect(html).not.toContain('<h2>Fake section');
    expect(html).not.toContain('<blockquote>\n<p>quoted');
    expect(html).not.toMatch(/<pre><code>&lt;script/);
  });

  it('leaves ordinary prose readable', () => {
    const markdown = toMarkdown(generatePostmortem({ summary: 'Card payments failed for 42 minutes (EU only); 1,200 checkouts.' }));

    expect(markdown).toContain('Card payments failed for 42 minutes (EU only); 1,200 checkouts.');
  });
});
