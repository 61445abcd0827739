/**
 * Atlassian Document Format: the one reader and writer the app and the sandbox share. Jira stores
 * descriptions, comments and worklog comments as ADF; whatever the app or a person wrote comes back
 * as a tree of nodes, and every place that shows it as text (the postmortem timeline, the sandbox's
 * issue view, JQL text search, `renderedFields`) reads it here, so a mention or a hard break reads
 * the same everywhere.
 * @see https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 */

export interface AdfDocument {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: readonly unknown[];
}

export interface AdfMark {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
}

export interface AdfNode {
  readonly type: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly marks?: readonly AdfMark[];
  readonly content?: readonly AdfNode[];
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────────

/** Builders for the nodes the app writes. */
export const adf = {
  doc: (...content: AdfNode[]): AdfDocument => ({ type: 'doc', version: 1, content }),
  paragraph: (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content }),
  text: (text: string): AdfNode => ({ type: 'text', text }),
  /** Jira shows `attrs.text` until it resolves the account; it is written with the `@`, as Jira's editor does. */
  mention: (accountId: string, displayName: string): AdfNode => ({ type: 'mention', attrs: { id: accountId, text: `@${displayName}` } }),
  bulletList: (...items: ReadonlyArray<readonly AdfNode[]>): AdfNode => ({ type: 'bulletList', content: items.map((blocks) => ({ type: 'listItem', content: [...blocks] })) }),
} as const;

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

const attr = (node: Record<string, unknown>, name: string): unknown => (isRecord(node['attrs']) ? node['attrs'][name] : undefined);

const attrText = (node: Record<string, unknown>, name: string): string | null => {
  const value = attr(node, name);
  return typeof value === 'string' && value !== '' ? value : null;
};

const children = (node: Record<string, unknown>): unknown[] => (Array.isArray(node['content']) ? (node['content'] as unknown[]) : []);

/** Nodes that stand on their own lines; everything else is inline and flows into its neighbours. */
const BLOCK_TYPES: ReadonlySet<string> = new Set([
  'doc', 'paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'codeBlock', 'blockquote', 'rule', 'panel', 'table', 'tableRow',
  'tableHeader', 'tableCell', 'mediaSingle', 'mediaGroup', 'expand', 'nestedExpand', 'taskList', 'taskItem', 'decisionList', 'decisionItem', 'blockCard', 'embedCard',
]);

const typeOf = (node: unknown): string => (isRecord(node) && typeof node['type'] === 'string' ? node['type'] : '');

/** A mention reads as Jira shows it: `@Name`, from the text Jira stored with it. */
const mentionText = (node: Record<string, unknown>): string => {
  const text = attrText(node, 'text');
  if (text !== null) return text.startsWith('@') ? text : `@${text}`;
  return '@someone';
};

/** `date` nodes carry a UTC midnight as epoch milliseconds in a string. */
const dateText = (node: Record<string, unknown>): string => {
  const millis = Number(attr(node, 'timestamp'));
  return Number.isFinite(millis) ? new Date(millis).toISOString().slice(0, 10) : '';
};

const joinBlocks = (parts: readonly string[], separator: string): string => parts.filter((part) => part !== '').join(separator);

const contentText = (node: Record<string, unknown>): string => {
  const kids = children(node);
  const blocky = kids.some((kid) => BLOCK_TYPES.has(typeOf(kid)));
  return blocky ? joinBlocks(kids.map(textOf), '\n\n') : kids.map(textOf).join('');
};

const listText = (node: Record<string, unknown>, ordered: boolean): string => {
  const start = Number(attr(node, 'order') ?? 1);
  return joinBlocks(
    children(node).map((item, index) => {
      const bullet = ordered ? `${String((Number.isFinite(start) ? start : 1) + index)}. ` : '• ';
      const body = isRecord(item) ? joinBlocks(children(item).map(textOf), '\n') : '';
      return body === '' ? '' : `${bullet}${body.replace(/\n/g, '\n  ')}`;
    }),
    '\n',
  );
};

function textOf(node: unknown): string {
  if (!isRecord(node)) return '';
  switch (node['type']) {
    case 'text':
      return typeof node['text'] === 'string' ? node['text'] : '';
    case 'hardBreak':
      return '\n';
    case 'mention':
      return mentionText(node);
    case 'emoji':
      return attrText(node, 'text') ?? attrText(node, 'shortName') ?? '';
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard':
      return attrText(node, 'url') ?? '';
    case 'status':
      return attrText(node, 'text') ?? '';
    case 'date':
      return dateText(node);
    case 'placeholder':
    case 'media':
      return '';
    case 'rule':
      return '---';
    case 'bulletList':
      return listText(node, false);
    case 'orderedList':
      return listText(node, true);
    case 'blockquote':
      return contentText(node).split('\n').map((line) => `> ${line}`).join('\n');
    case 'table':
      return joinBlocks(children(node).map(textOf), '\n');
    case 'tableRow':
      return children(node).map((cell) => textOf(cell).replace(/\s*\n\s*/g, ' ')).join(' | ');
    case 'taskItem':
      return `${attr(node, 'state') === 'DONE' ? '[x]' : '[ ]'} ${contentText(node)}`;
    case 'expand':
    case 'nestedExpand':
      return joinBlocks([attrText(node, 'title') ?? '', contentText(node)], '\n\n');
    default:
      // paragraph, heading, codeBlock, panel, listItem, table cells, and any node Jira adds later.
      return contentText(node);
  }
}

/**
 * The plain text of an ADF document or node, as a person reads it: blocks separated by blank lines,
 * hard breaks as line breaks, list items on their own lines (`• `, `1. `), mentions as `@Name`,
 * emoji as their character (or `:shortName:`), links and cards as their URL, dates as `YYYY-MM-DD`.
 * Unknown nodes fall back to the text of their content, so nothing a person wrote disappears.
 */
export const adfToText = (node: unknown): string => textOf(node);

// ── HTML (for `renderedFields` and the sandbox's pages) ─────────────────────────────────────────

const escapeHtml = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const safeHref = (value: unknown): string | null => (typeof value === 'string' && /^(https?:|mailto:)/i.test(value) ? escapeHtml(value) : null);

const MARK_TAGS: Readonly<Record<string, string>> = { strong: 'strong', em: 'em', code: 'code', strike: 's', underline: 'u', subsup: 'sub' };

const markedText = (node: Record<string, unknown>): string => {
  let html = escapeHtml(typeof node['text'] === 'string' ? node['text'] : '');
  const marks = Array.isArray(node['marks']) ? (node['marks'] as unknown[]) : [];
  for (const mark of marks) {
    if (!isRecord(mark)) continue;
    const type = typeof mark['type'] === 'string' ? mark['type'] : '';
    if (type === 'link') {
      const href = safeHref(attr(mark, 'href'));
      if (href !== null) html = `<a href="${href}">${html}</a>`;
      continue;
    }
    const tag = type === 'subsup' && attr(mark, 'type') === 'sup' ? 'sup' : MARK_TAGS[type];
    if (tag !== undefined) html = `<${tag}>${html}</${tag}>`;
  }
  return html;
};

function htmlOf(node: unknown): string {
  if (!isRecord(node)) return '';
  const inner = (): string => children(node).map(htmlOf).join('');
  switch (node['type']) {
    case 'text':
      return markedText(node);
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(attr(node, 'level') ?? 1) || 1));
      return `<h${String(level)}>${inner()}</h${String(level)}>`;
    }
    case 'bulletList':
      return `<ul>${inner()}</ul>`;
    case 'orderedList':
      return `<ol>${inner()}</ol>`;
    case 'listItem':
      return `<li>${inner()}</li>`;
    case 'codeBlock':
      return `<pre><code>${inner()}</code></pre>`;
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'rule':
      return '<hr/>';
    case 'panel':
      return `<div class="panel">${inner()}</div>`;
    case 'table':
      return `<table><tbody>${inner()}</tbody></table>`;
    case 'tableRow':
      return `<tr>${inner()}</tr>`;
    case 'tableHeader':
      return `<th>${inner()}</th>`;
    case 'tableCell':
      return `<td>${inner()}</td>`;
    case 'hardBreak':
      return '<br/>';
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard': {
      const href = safeHref(attr(node, 'url'));
      return href === null ? '' : `<a href="${href}">${href}</a>`;
    }
    case 'mention':
      return `<span class="user-hover">${escapeHtml(mentionText(node))}</span>`;
    case 'emoji':
    case 'status':
    case 'date':
      return escapeHtml(textOf(node));
    default:
      return inner();
  }
}

/** HTML for an ADF document, as Jira's `renderedFields` gives it: every node's text, links only when they are http(s) or mailto. */
export const adfToHtml = (node: unknown): string => htmlOf(node);
