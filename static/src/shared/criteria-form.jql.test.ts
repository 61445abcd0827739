import { supportCriteriaSchema } from '@contract/capacity.contract';
import { describe, expect, it } from 'vitest';

import { type CriteriaDraft, checkCriteria, criteriaDraftOf } from './criteria-form';
import { readGadgetConfiguration } from './gadget-configuration';

const draft: CriteriaDraft = { kinds: ['incident'], classesOfService: [], issueTypes: '', labels: '', jql: '' };

describe('the criteria form checks the JQL clause as the contract does', () => {
  it.each(['X) OR (Y', ')', '(', 'component = Ops ORDER BY key', 'OR component = Ops', 'summary ~ "open'])('.payload: refuses %j at the JQL field, as the contract would', (jql) => {
    const checked = checkCriteria({ ...draft, jql });
    expect(checked.ok).toBe(false);
    expect(checked.ok ? undefined : checked.errors.jql).toMatch(/^The JQL clause is not valid\. /u);
    expect(supportCriteriaSchema.safeParse({ kinds: ['incident'], classesOfService: [], issueTypes: [], labels: [], jql }).success).toBe(false);
  });

  it('.payload: keeps a clause whose parentheses are inside quotes', () => {
    const checked = checkCriteria({ ...draft, jql: 'summary ~ "X) OR (Y"' });
    expect(checked.ok).toBe(true);
    expect(checked.ok && supportCriteriaSchema.safeParse(checked.criteria).success).toBe(true);
  });

  it('a saved gadget whose clause was forged opens in the editor with the clause marked, not saved again as it is', () => {
    const read = readGadgetConfiguration({ boardId: 1, criteria: { kinds: [], classesOfService: [], issueTypes: [], labels: [], jql: 'X) OR (Y' } });
    const checked = checkCriteria(criteriaDraftOf(read.settings.criteria ?? { kinds: [], classesOfService: [], issueTypes: [], labels: [] }));
    expect(checked.ok ? undefined : checked.errors.jql).toMatch(/^The JQL clause is not valid\. /u);
  });
});
