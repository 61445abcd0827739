import { JqlError } from './jql.ast.js';

export type JqlTokenType = 'word' | 'string' | 'op' | '(' | ')' | ',' | '[' | ']' | 'eof';

export interface JqlToken {
  type: JqlTokenType;
  /** the text (unescaped for strings; upper-cased never: keywords are compared case-insensitively) */
  text: string;
  /** 0-based offset in the query, for error messages */
  pos: number;
}

const OPERATORS = ['!=', '>=', '<=', '!~', '=', '~', '>', '<', '&&', '||', '!'];
/**
 * Characters allowed in an unquoted JQL word. Jira allows letters, digits and a few symbols;
 * `-` and `:` let dates (2026-01-31), relative dates (-7d) and keys (SHOP-12) go unquoted.
 * @see https://support.atlassian.com/jira-software-cloud/docs/use-advanced-search-with-jira-query-language-jql/
 */
const WORD_CHAR = /[A-Za-z0-9_.\-:@/+*$#]/;

export function tokenizeJql(input: string): JqlToken[] {
  const tokens: JqlToken[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const start = i;
      let text = '';
      i++;
      while (i < input.length && input[i] !== ch) {
        if (input[i] === '\\' && i + 1 < input.length) i++;
        text += input.charAt(i);
        i++;
      }
      if (i >= input.length) throw new JqlError(`Error in the JQL Query: The quoted string starting at character ${start + 1} is not terminated.`);
      i++;
      tokens.push({ type: 'string', text, pos: start });
      continue;
    }
    if ('(),[]'.includes(ch)) {
      tokens.push({ type: ch as '(' | ')' | ',' | '[' | ']', text: ch, pos: i });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => input.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ type: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    if (WORD_CHAR.test(ch)) {
      const start = i;
      while (i < input.length && WORD_CHAR.test(input[i] ?? '')) i++;
      tokens.push({ type: 'word', text: input.slice(start, i), pos: start });
      continue;
    }
    throw new JqlError(`Error in the JQL Query: The character '${ch}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}' instead. (line 1, character ${i + 1})`);
  }
  tokens.push({ type: 'eof', text: '', pos: input.length });
  return tokens;
}
