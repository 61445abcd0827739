import { describe, expect, it } from 'vitest';

import { generateDrillDown } from '../../shared/testing/capacity-view.factory';
import { nameOf, sortDrillDown } from './drill-down';

describe('sortDrillDown', () => {
  it('lists support first, then by value, then by key in number order', () => {
    expect(sortDrillDown(generateDrillDown().issues).map((issue) => issue.key)).toEqual(['SHOP-2', 'SHOP-9', 'SHOP-21', 'SHOP-10']);
  });

  it('does not reorder the list it was given', () => {
    const issues = generateDrillDown().issues;
    sortDrillDown(issues);
    expect(issues[0]?.key).toBe('SHOP-10');
  });
});

describe('nameOf', () => {
  const severities = [{ id: 'critical', name: 'Critical' }];

  it('names an id as the view does, then by the report’s kind labels, then by itself', () => {
    expect(nameOf('critical', severities)).toBe('Critical');
    expect(nameOf('support-request', [])).toBe('Support request');
    expect(nameOf('sev9', severities)).toBe('sev9');
    expect(nameOf(null, severities)).toBe('Not classified');
  });
});
