import { describe, expect, it } from 'vitest';

import { adf, adfToHtml, adfToText } from './adf';

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const t = (text: string, marks?: unknown[]) => ({ type: 'text', text, ...(marks === undefined ? {} : { marks }) });

describe('adfToText', () => {
  it('keeps mentions, hard breaks and emoji that a comment carries', () => {
    const comment = doc(
      p({ type: 'mention', attrs: { id: 'acc-rita', text: '@Rita Reyes', accessLevel: '' } }, t(' we need a little more.'), { type: 'hardBreak' }, t('Thanks '), { type: 'emoji', attrs: { shortName: ':smile:', id: '1f604', text: '😄' } }),
    );
    expect(adfToText(comment)).toBe('@Rita Reyes we need a little more.\nThanks 😄');
  });

  it('reads a mention stored without the @, and an emoji without its character, the way Jira shows them', () => {
    expect(adfToText(p({ type: 'mention', attrs: { id: 'acc-1', text: 'Devon Park' } }))).toBe('@Devon Park');
    expect(adfToText(p({ type: 'mention', attrs: { id: 'acc-1' } }))).toBe('@someone');
    expect(adfToText(p({ type: 'emoji', attrs: { shortName: ':fire:' } }))).toBe(':fire:');
  });

  it('separates blocks by a blank line and puts list items on their own lines', () => {
    const text = adfToText(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [t('Impact')] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('Checkout'))] }, { type: 'listItem', content: [p(t('Search'))] }] },
        { type: 'orderedList', attrs: { order: 3 }, content: [{ type: 'listItem', content: [p(t('Roll back'))] }] },
        { type: 'codeBlock', attrs: { language: 'sh' }, content: [t('kubectl rollout undo')] },
        { type: 'blockquote', content: [p(t('Quoted'))] },
        { type: 'rule' },
        { type: 'panel', attrs: { panelType: 'info' }, content: [p(t('Heads up'))] },
      ),
    );
    expect(text).toBe('Impact\n\n• Checkout\n• Search\n\n3. Roll back\n\nkubectl rollout undo\n\n> Quoted\n\n---\n\nHeads up');
  });

  it('reads links, cards, statuses and dates as text', () => {
    const text = adfToText(
      p(
        t('See '),
        t('the runbook', [{ type: 'link', attrs: { href: 'https://wiki.example/runbook' } }]),
        t(', '),
        { type: 'inlineCard', attrs: { url: 'https://acme.atlassian.net/browse/SHOP-1' } },
        t(' is '),
        { type: 'status', attrs: { text: 'IN PROGRESS', color: 'blue' } },
        t(' since '),
        { type: 'date', attrs: { timestamp: '1795046400000' } },
      ),
    );
    expect(text).toBe('See the runbook, https://acme.atlassian.net/browse/SHOP-1 is IN PROGRESS since 2026-11-19');
  });

  it('reads a table row by row, cells separated', () => {
    const cell = (type: string, text: string) => ({ type, content: [p(t(text))] });
    const table = { type: 'table', content: [{ type: 'tableRow', content: [cell('tableHeader', 'Step'), cell('tableHeader', 'Owner')] }, { type: 'tableRow', content: [cell('tableCell', 'Alert'), cell('tableCell', 'Ops')] }] };
    expect(adfToText(doc(table))).toBe('Step | Owner\nAlert | Ops');
  });

  it('falls back to the text inside nodes it does not know, and ignores what is not ADF', () => {
    expect(adfToText(doc({ type: 'someFutureNode', content: [p(t('still here'))] }))).toBe('still here');
    expect(adfToText(null)).toBe('');
    expect(adfToText('plain')).toBe('');
    expect(adfToText(doc({ type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'x', type: 'file' } }] }, p(t('after'))))).toBe('after');
  });
});

describe('adf builders', () => {
  it('write a mention that reads back as the person’s name', () => {
    const written = adf.doc(adf.paragraph(adf.mention('acc-rita', 'Rita Reyes'), adf.text(' please look.')), adf.bulletList([adf.paragraph(adf.text('Steps'))]));
    expect(written).toEqual(
      doc(p({ type: 'mention', attrs: { id: 'acc-rita', text: '@Rita Reyes' } }, t(' please look.')), { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('Steps'))] }] }),
    );
    expect(adfToText(written)).toBe('@Rita Reyes please look.\n\n• Steps');
  });
});

describe('adfToHtml', () => {
  it('renders structure and marks, escaping text', () => {
    const html = adfToHtml(
      doc(
        { type: 'heading', attrs: { level: 3 }, content: [t('Why')] },
        p(t('a < b', [{ type: 'strong' }]), { type: 'hardBreak' }, t('docs', [{ type: 'link', attrs: { href: 'https://example.com/?a=1&b=2' } }]), t(' '), { type: 'mention', attrs: { id: 'x', text: '@Mia' } }),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('one'))] }] },
      ),
    );
    expect(html).toBe('<h3>Why</h3><p><strong>a &lt; b</strong><br/><a href="https://example.com/?a=1&amp;b=2">docs</a> <span class="user-hover">@Mia</span></p><ul><li><p>one</p></li></ul>');
  });

  it('drops links that are not http(s) or mailto', () => {
    expect(adfToHtml(p(t('x', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])))).toBe('<p>x</p>');
  });
});
