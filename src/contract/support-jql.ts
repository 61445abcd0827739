/**
 * Checks a support criteria JQL clause before it is saved. The backend searches
 * `sprint = N AND (clause)`, so a clause whose parentheses do not balance (`X) OR (Y`) would close
 * that wrapper and count every issue Jira has; a clause that sorts, or starts or ends with AND/OR,
 * only ever fails later, in every viewer's gadget. This catches those at the door, with a sentence
 * per fault; whether fields and values exist is still Jira's to say.
 *
 * Zod-free, so the UI's forms (which import `@contract/*` values) check the same way the contract
 * does. Strings in JQL are quoted with `"` or `'`, and a backslash escapes the next character.
 * @see https://support.atlassian.com/jira-software-cloud/docs/use-advanced-search-with-jira-query-language-jql/
 * @see https://support.atlassian.com/jira-service-management-cloud/docs/jql-keywords/ (AND, OR, NOT, &&, ||, ORDER BY)
 */

type Token = { readonly kind: 'open' | 'close' | 'string' } | { readonly kind: 'word'; readonly text: string };

/** The clause as parentheses, quoted strings and words, or `null` when a quoted string never ends. */
const tokenize = (clause: string): Token[] | null => {
  const tokens: Token[] = [];
  let word = '';
  const endWord = () => {
    if (word !== '') tokens.push({ kind: 'word', text: word });
    word = '';
  };
  for (let at = 0; at < clause.length; at += 1) {
    const char = clause.charAt(at);
    if (char === '"' || char === "'") {
      endWord();
      let closed = false;
      for (at += 1; at < clause.length; at += 1) {
        const inside = clause.charAt(at);
        if (inside === '\\') at += 1;
        else if (inside === char) {
          closed = true;
          break;
        }
      }
      if (!closed) return null;
      tokens.push({ kind: 'string' });
    } else if (char === '(' || char === ')') {
      endWord();
      tokens.push({ kind: char === '(' ? 'open' : 'close' });
    } else if ((char === '&' || char === '|') && clause.charAt(at + 1) === char) {
      // `a=1||b=2`: JQL's symbolic AND/OR need no spaces around them.
      endWord();
      tokens.push({ kind: 'word', text: char + char });
      at += 1;
    } else if (/\s/u.test(char)) {
      endWord();
    } else {
      word += char;
    }
  }
  endWord();
  return tokens;
};

const JOINS = new Set(['and', 'or', '&&', '||']);
const joinOf = (token: Token | undefined): string | null => (token?.kind === 'word' && JOINS.has(token.text.toLowerCase()) ? token.text.toUpperCase() : null);
const isWord = (token: Token | undefined, text: string): boolean => token?.kind === 'word' && token.text.toLowerCase() === text;

export const SUPPORT_JQL_FAULTS = {
  unclosedQuote: 'It has a quotation mark that is never closed: close the quoted text with the same mark.',
  startsWith: (join: string) => `It starts with ${join}: begin with a condition such as component = "Ops".`,
  closesUnopened: 'It closes a parenthesis that was never opened: every ")" needs a "(" before it.',
  emptyParentheses: 'It has empty parentheses "()": put a condition inside them or remove them.',
  joinAfterOpen: (join: string) => `It has ${join} just after "(": begin the group with a condition.`,
  joinBeforeClose: (join: string) => `It has ${join} just before ")": finish the condition or remove the ${join}.`,
  sorts: 'It sorts ("ORDER BY"): the clause only chooses issues, so remove the ORDER BY part.',
  endsWith: (join: string) => `It ends with ${join}: finish the condition or remove the ${join}.`,
  leftOpen: (open: number) => `It leaves ${String(open)} parenthes${open === 1 ? 'is' : 'es'} open: close every "(" with a ")".`,
} as const;

/**
 * Every reason the clause cannot be saved, each once, in the order a person reads the clause; `[]`
 * when it is sound or empty (no clause).
 */
export function supportJqlFaults(clause: string): string[] {
  const tokens = tokenize(clause);
  if (tokens === null) return [SUPPORT_JQL_FAULTS.unclosedQuote];
  const faults = new Set<string>();
  const first = joinOf(tokens[0]);
  if (first !== null) faults.add(SUPPORT_JQL_FAULTS.startsWith(first));
  let depth = 0;
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    if (token.kind === 'open') depth += 1;
    if (token.kind === 'close') {
      if (depth === 0) faults.add(SUPPORT_JQL_FAULTS.closesUnopened);
      else depth -= 1;
      // `currentUser()`, `now()`: a function's parentheses may be empty, a group's may not.
      const beforeOpen = tokens[index - 2];
      const isCall = beforeOpen?.kind === 'word' && joinOf(beforeOpen) === null && !isWord(beforeOpen, 'not');
      if (previous?.kind === 'open' && !isCall) faults.add(SUPPORT_JQL_FAULTS.emptyParentheses);
      const before = joinOf(previous);
      if (before !== null) faults.add(SUPPORT_JQL_FAULTS.joinBeforeClose(before));
    }
    const join = joinOf(token);
    if (join !== null && previous?.kind === 'open') faults.add(SUPPORT_JQL_FAULTS.joinAfterOpen(join));
    if (isWord(token, 'order') && isWord(tokens[index + 1], 'by')) faults.add(SUPPORT_JQL_FAULTS.sorts);
  });
  const last = joinOf(tokens.at(-1));
  if (last !== null && tokens.length > 1) faults.add(SUPPORT_JQL_FAULTS.endsWith(last));
  if (depth > 0) faults.add(SUPPORT_JQL_FAULTS.leftOpen(depth));
  return [...faults];
}

/** The sentence a form or the contract shows for a clause with faults, or `null` when it is sound. */
export function supportJqlError(clause: string): string | null {
  const faults = supportJqlFaults(clause);
  return faults.length === 0 ? null : `The JQL clause is not valid. ${faults.join(' ')}`;
}
