import { describe, expect, it } from 'vitest';

import { supportCriteriaSchema } from './capacity.contract';
import { supportJqlFaults } from './support-jql';

describe('supportJqlFaults: a clause that stays inside `sprint = N AND (…)`', () => {
  it.each([
    ['component = "Ops"'],
    ['labels in (ops, "on-call") AND priority = High'],
    ['(component = Ops OR labels = incident) AND NOT status = Done'],
    // Parentheses, quotes and keywords inside a quoted string are text, not structure.
    ['summary ~ "X) OR (Y"'],
    ["summary ~ 'order by key'"],
    ['summary ~ "she said \\"hi)\\" again"'],
    ["summary ~ 'it\\'s (broken'"],
    ['reporter = currentUser() OR assignee in membersOf("ops (eu)")'],
    // Words that merely contain a keyword.
    ['labels = reorder AND summary ~ border'],
    ['labels = android'],
    [''],
    ['   '],
  ])('accepts %j', (clause) => {
    expect(supportJqlFaults(clause)).toEqual([]);
  });

  it.each([
    ['X) OR (Y', ['It closes a parenthesis that was never opened: every ")" needs a "(" before it.', 'It leaves 1 parenthesis open: close every "(" with a ")".']],
    [')', ['It closes a parenthesis that was never opened: every ")" needs a "(" before it.']],
    ['(', ['It leaves 1 parenthesis open: close every "(" with a ")".']],
    ['((a = 1)', ['It leaves 1 parenthesis open: close every "(" with a ")".']],
    ['a = 1 ) OR issuetype = Bug OR ( b = 2', ['It closes a parenthesis that was never opened: every ")" needs a "(" before it.', 'It leaves 1 parenthesis open: close every "(" with a ")".']],
    ['()', ['It has empty parentheses "()": put a condition inside them or remove them.']],
    ['a = 1 AND ()', ['It has empty parentheses "()": put a condition inside them or remove them.']],
    ['ORDER BY key', ['It sorts ("ORDER BY"): the clause only chooses issues, so remove the ORDER BY part.']],
    ['component = Ops order   by created DESC', ['It sorts ("ORDER BY"): the clause only chooses issues, so remove the ORDER BY part.']],
    ['OR component = Ops', ['It starts with OR: begin with a condition such as component = "Ops".']],
    ['component = Ops AND', ['It ends with AND: finish the condition or remove the AND.']],
    ['component = Ops ||', ['It ends with ||: finish the condition or remove the ||.']],
    ['(component = Ops OR) AND labels = x', ['It has OR just before ")": finish the condition or remove the OR.']],
    ['summary ~ "unfinished', ['It has a quotation mark that is never closed: close the quoted text with the same mark.']],
    ['summary ~ "x\\"', ['It has a quotation mark that is never closed: close the quoted text with the same mark.']],
  ])('refuses %j with a sentence per fault', (clause, faults) => {
    expect(supportJqlFaults(clause)).toEqual(faults);
  });

  it('reports each fault once, in the order a person fixes them', () => {
    expect(supportJqlFaults('AND x = 1) ORDER BY key')).toEqual([
      'It starts with AND: begin with a condition such as component = "Ops".',
      'It closes a parenthesis that was never opened: every ")" needs a "(" before it.',
      'It sorts ("ORDER BY"): the clause only chooses issues, so remove the ORDER BY part.',
    ]);
  });
});

describe('supportCriteriaSchema refuses a forged clause on save', () => {
  const criteria = { kinds: ['incident'], classesOfService: [], issueTypes: [], labels: [] };

  it('names the fault at criteria.jql', () => {
    const parsed = supportCriteriaSchema.safeParse({ ...criteria, jql: 'X) OR (Y' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['jql', 'The JQL clause is not valid. It closes a parenthesis that was never opened: every ")" needs a "(" before it. It leaves 1 parenthesis open: close every "(" with a ")".'],
    ]);
  });

  it('accepts a sound clause and no clause', () => {
    expect(supportCriteriaSchema.safeParse({ ...criteria, jql: 'summary ~ "X) OR (Y"' }).success).toBe(true);
    expect(supportCriteriaSchema.safeParse(criteria).success).toBe(true);
  });
});
