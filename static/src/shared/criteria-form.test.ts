import { supportCriteriaSchema } from '@contract/capacity.contract';
import { describe, expect, it } from 'vitest';

import { CAPACITY_LIMITS, DEFAULT_SUPPORT_CRITERIA as BUILT_IN_SUPPORT_CRITERIA } from '@contract/capacity.values';

import { readGadgetConfiguration } from './capacity';
import { CRITERIA_COPY, type CriteriaDraft, checkCriteria, criteriaDraftOf, criteriaFieldOf } from './criteria-form';

const empty: CriteriaDraft = { kinds: [], classesOfService: [], issueTypes: '', labels: '', jql: '' };

describe('criteria form ⇄ payload', () => {
  it('.payload: round-trips the built-in criteria without a jql key', () => {
    const checked = checkCriteria(criteriaDraftOf(BUILT_IN_SUPPORT_CRITERIA));
    expect(checked).toEqual({ ok: true, criteria: BUILT_IN_SUPPORT_CRITERIA });
    expect(checked.ok && 'jql' in checked.criteria).toBe(false);
  });

  it('.payload: round-trips criteria with a JQL clause, which the contract accepts', () => {
    const criteria = { kinds: ['incident' as const], classesOfService: [], issueTypes: ['Bug'], labels: ['ops'], jql: 'component = "Ops"' };
    expect(criteriaDraftOf(criteria).jql).toBe('component = "Ops"');
    const checked = checkCriteria(criteriaDraftOf(criteria));
    expect(checked).toEqual({ ok: true, criteria });
    expect(checked.ok && supportCriteriaSchema.safeParse(checked.criteria).success).toBe(true);
  });

  it('trims the clause and splits the lists', () => {
    expect(checkCriteria({ ...empty, issueTypes: 'Bug, Incident,, bug ', labels: 'a,b', jql: '  project = SHOP  ' })).toEqual({
      ok: true,
      criteria: { kinds: [], classesOfService: [], issueTypes: ['Bug', 'Incident'], labels: ['a', 'b'], jql: 'project = SHOP' },
    });
  });

  it('counts a JQL clause alone as a criterion', () => {
    expect(checkCriteria({ ...empty, jql: 'component = "Ops"' }).ok).toBe(true);
    expect(checkCriteria({ ...empty, jql: '   ' })).toEqual({ ok: false, errors: { criteria: CRITERIA_COPY.noCriteria } });
  });

  it('has the contract limit of the clause', () => {
    const at = 'x'.repeat(CAPACITY_LIMITS.jqlMax);
    expect(supportCriteriaSchema.safeParse({ ...BUILT_IN_SUPPORT_CRITERIA, jql: at }).success).toBe(true);
    expect(supportCriteriaSchema.safeParse({ ...BUILT_IN_SUPPORT_CRITERIA, jql: `${at}x` }).success).toBe(false);
    expect(checkCriteria({ ...empty, jql: at }).ok).toBe(true);
    expect(checkCriteria({ ...empty, jql: `${at}x` })).toEqual({ ok: false, errors: { jql: CRITERIA_COPY.jqlTooLong } });
  });

  it('names every field the backend may point at', () => {
    expect(['jql', 'labels.2', 'issueTypes', 'kinds.0', ''].map(criteriaFieldOf)).toEqual(['jql', 'labels', 'issueTypes', 'criteria', 'criteria']);
  });
});

describe('readGadgetConfiguration with a JQL clause', () => {
  const saved = (jql: unknown) => ({ boardId: 1, criteria: { ...BUILT_IN_SUPPORT_CRITERIA, jql } });

  it('keeps a saved clause and reads an empty one as none', () => {
    expect(readGadgetConfiguration(saved('labels = ops')).settings.criteria).toEqual({ ...BUILT_IN_SUPPORT_CRITERIA, jql: 'labels = ops' });
    expect(readGadgetConfiguration(saved('')).settings.criteria).toEqual(BUILT_IN_SUPPORT_CRITERIA);
  });

  it('marks a clause that is not text or too long as damaged', () => {
    expect(readGadgetConfiguration(saved(3))).toMatchObject({ damaged: true, settings: { criteria: null } });
    expect(readGadgetConfiguration(saved('x'.repeat(CAPACITY_LIMITS.jqlMax + 1)))).toMatchObject({ damaged: true });
  });
});
