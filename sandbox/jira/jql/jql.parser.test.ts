import { describe, expect, it } from 'vitest';
import { JqlError } from './jql.ast.js';
import { parseJql } from './jql.parser.js';

describe('parseJql', () => {
  it('parses precedence: AND binds tighter than OR, NOT and parentheses', () => {
    const q = parseJql('project = SHOP AND (status = "In Progress" OR NOT labels IN (a, b)) ORDER BY created DESC, key');
    expect(q.where).toMatchObject({ kind: 'and', items: [{ kind: 'clause', operator: '=' }, { kind: 'or', items: [{ kind: 'clause' }, { kind: 'not' }] }] });
    expect(q.orderBy).toEqual([
      { field: { kind: 'field', name: 'created' }, direction: 'DESC' },
      { field: { kind: 'field', name: 'key' }, direction: 'ASC' },
    ]);
  });

  it('parses properties, cf[], functions, EMPTY and relative dates', () => {
    expect(parseJql("issue.property['prod-report'].severity = S1").where).toMatchObject({ field: { kind: 'property', key: 'prod-report', path: 'severity' } });
    expect(parseJql('cf[10042] > 3').where).toMatchObject({ field: { name: 'customfield_10042' } });
    expect(parseJql('sprint in openSprints()').where).toMatchObject({ operator: 'IN', operand: { kind: 'function', name: 'openSprints' } });
    expect(parseJql('assignee IS NOT EMPTY').where).toMatchObject({ operator: 'IS NOT', operand: { kind: 'empty' } });
    expect(parseJql('created >= -7d').where).toMatchObject({ operand: { kind: 'value', value: '-7d' } });
  });

  it.each([
    ['project = ', /Expecting either a value/],
    ['project SHOP', /Expecting operator/],
    ['status WAS Open', /'WAS' is not supported/],
    ['summary ~ "unterminated', /not terminated/],
    ['project = SHOP extra', /Expecting either 'OR' or 'AND'/],
  ])('rejects %s', (jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(() => parseJql(jql)).toThrow(message);
  });
});
