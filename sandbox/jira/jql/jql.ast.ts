/** The JQL syntax tree produced by jql.parser.ts and consumed by jql.evaluator.ts. */

export type JqlOperator = '=' | '!=' | '~' | '!~' | '>' | '>=' | '<' | '<=' | 'IN' | 'NOT IN' | 'IS' | 'IS NOT';

export type JqlOperand =
  | { kind: 'value'; value: string; quoted: boolean }
  | { kind: 'empty' }
  | { kind: 'function'; name: string; args: string[] }
  | { kind: 'list'; items: JqlOperand[] };

export type JqlFieldRef = { kind: 'field'; name: string } | { kind: 'property'; key: string; path: string };

export interface JqlClause {
  kind: 'clause';
  field: JqlFieldRef;
  operator: JqlOperator;
  operand: JqlOperand;
}

export type JqlExpr = JqlClause | { kind: 'and'; items: JqlExpr[] } | { kind: 'or'; items: JqlExpr[] } | { kind: 'not'; expr: JqlExpr };

export interface JqlOrderBy {
  field: JqlFieldRef;
  direction: 'ASC' | 'DESC';
}

export interface JqlQuery {
  where: JqlExpr | undefined;
  orderBy: JqlOrderBy[];
}

/** A JQL problem, answered by Jira as 400 with the message in `errorMessages`. */
export class JqlError extends Error {}

export function describeField(field: JqlFieldRef): string {
  return field.kind === 'field' ? field.name : `issue.property[${field.key}].${field.path}`;
}
