import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';

import { toMarkdown } from './postmortem';
import { generatePostmortem } from './testing/postmortem.factory';

const statusLine = (markdown: string): string => markdown.split('\n').find((line) => line.startsWith('Status:')) ?? '';

describe('toMarkdown names the severity under the scale it is given', () => {
  it('by the level’s current name', () => {
    expect(statusLine(toMarkdown(generatePostmortem({ severity: 'critical' }), {}, [{ id: 'critical', name: 'Sev 1 – outage' }]))).toContain('Severity: Sev 1 – outage ·');
  });

  it('a level the scale lost as no longer in it, and an unset one as not set', () => {
    expect(statusLine(toMarkdown(generatePostmortem({ severity: 'major' }), {}, [{ id: 'sev1', name: 'Sev1' }]))).toContain('Severity: Major (no longer in the scale) ·');
    expect(statusLine(toMarkdown(generatePostmortem({ severity: null }), {}, [{ id: 'sev1', name: 'Sev1' }]))).toContain('Severity: not set ·');
  });

  it('keeps an admin’s level name as text in any renderer', () => {
    const markdown = toMarkdown(generatePostmortem({ severity: 'critical' }), {}, [{ id: 'critical', name: '<b>Sev</b> *1* [x](javascript:1)' }]);
    const html = new MarkdownIt({ html: true }).render(statusLine(markdown));
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<em>');
    expect(html).not.toContain('<a ');
    expect(html).toContain('&lt;b&gt;Sev&lt;/b&gt; *1* [x](javascript:1)');
  });
});
