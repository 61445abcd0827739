/**
 * Where/filter/transaction conditions exactly as `@forge/kvs` serializes them
 * (`out/conditions.js`): `{ condition: 'BETWEEN', values: [a, b] }`, plus `property` for filters.
 *
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-query-complex/
 * @see https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/
 */
import { badRequest } from './kvs-errors';
import { isRecord } from './kvs-validation';

export type ConditionName =
  | 'BEGINS_WITH'
  | 'BETWEEN'
  | 'EQUAL_TO'
  | 'NOT_EQUAL_TO'
  | 'GREATER_THAN'
  | 'GREATER_THAN_EQUAL_TO'
  | 'LESS_THAN'
  | 'LESS_THAN_EQUAL_TO'
  | 'CONTAINS'
  | 'NOT_CONTAINS'
  | 'EXISTS'
  | 'NOT_EXISTS';

/** What `WhereConditions` offers: the conditions an index range can answer. */
export const RANGE_CONDITIONS: ReadonlySet<ConditionName> = new Set<ConditionName>([
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
]);

/** What `FilterConditions` offers: everything. */
export const FILTER_CONDITIONS: ReadonlySet<ConditionName> = new Set<ConditionName>([
  ...RANGE_CONDITIONS,
  'NOT_EQUAL_TO',
  'CONTAINS',
  'NOT_CONTAINS',
  'EXISTS',
  'NOT_EXISTS',
]);

/** "≤100 query conditions" (limits-kvs-ce). */
export const MAX_CONDITIONS = 100;

export interface Condition {
  condition: ConditionName;
  values: unknown[];
}

export interface PropertyCondition extends Condition {
  property: string;
}

export interface ConditionGroup {
  operator: 'and' | 'or';
  items: PropertyCondition[];
}

function arity(name: ConditionName): number {
  return name === 'BETWEEN' ? 2 : 1;
}

export function parseCondition(raw: unknown, allowed: ReadonlySet<ConditionName>, where: string): Condition {
  if (!isRecord(raw) || typeof raw['condition'] !== 'string' || !Array.isArray(raw['values'])) {
    throw badRequest('INVALID_CONDITION', `${where}: expected { condition, values[] }.`);
  }
  const name = raw['condition'] as ConditionName;
  if (!allowed.has(name)) {
    throw badRequest('INVALID_CONDITION', `${where}: condition ${raw['condition']} is not supported here.`);
  }
  const values: unknown[] = raw['values'];
  if (values.length !== arity(name)) {
    throw badRequest('INVALID_CONDITION', `${where}: ${name} takes ${arity(name)} value(s), got ${values.length}.`);
  }
  for (const value of values) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw badRequest('INVALID_CONDITION', `${where}: condition values must be strings, numbers or booleans.`);
    }
  }
  return { condition: name, values };
}

export function parsePropertyCondition(
  raw: unknown,
  allowed: ReadonlySet<ConditionName>,
  where: string,
  knownProperties: ReadonlySet<string>,
): PropertyCondition {
  const base = parseCondition(raw, allowed, where);
  const property = isRecord(raw) ? raw['property'] : undefined;
  if (typeof property !== 'string' || !knownProperties.has(property)) {
    throw badRequest('INVALID_CONDITION', `${where}: property ${String(property)} is not an attribute of this entity.`);
  }
  return { ...base, property };
}

/** `{ and: [...] }` or `{ or: [...] }` (what `Filter().and()/or()` produce once serialized). */
export function parseConditionGroup(raw: unknown, where: string, knownProperties: ReadonlySet<string>): ConditionGroup | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) throw badRequest('INVALID_CONDITION', `${where}: expected { and: [...] } or { or: [...] }.`);
  const operators = Object.keys(raw).filter((k) => raw[k] !== undefined);
  const operator = operators[0];
  if (operators.length !== 1 || (operator !== 'and' && operator !== 'or')) {
    throw badRequest('INVALID_CONDITION', `${where}: use exactly one of "and" / "or".`);
  }
  const items = raw[operator];
  if (!Array.isArray(items) || items.length === 0) {
    throw badRequest('INVALID_CONDITION', `${where}: at least one condition is required.`);
  }
  if (items.length > MAX_CONDITIONS) {
    throw badRequest('INVALID_CONDITION', `${where}: at most ${MAX_CONDITIONS} conditions are allowed.`);
  }
  return {
    operator,
    items: items.map((item, i) => parsePropertyCondition(item, FILTER_CONDITIONS, `${where}[${i}]`, knownProperties)),
  };
}

/**
 * Total order for index values: numbers numerically, strings by UTF-16 code unit (what a
 * byte-ordered store does for ASCII), booleans false < true. Mixed types order by type so a sort
 * never throws; comparisons in conditions refuse mixed types instead (see `compareSameType`).
 */
export function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown): number => (typeof v === 'boolean' ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

function compareSameType(a: unknown, b: unknown): number | undefined {
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string' && typeof a !== 'boolean')) return undefined;
  return compareValues(a, b);
}

/** Does an attribute value satisfy one condition? A missing attribute only satisfies the negative ones. */
export function matchesCondition(actual: unknown, cond: Condition): boolean {
  const [first, second] = cond.values;
  const missing = actual === undefined;
  switch (cond.condition) {
    case 'EXISTS':
      return !missing;
    case 'NOT_EXISTS':
      return missing;
    case 'EQUAL_TO':
      return !missing && compareSameType(actual, first) === 0;
    case 'NOT_EQUAL_TO':
      return missing || compareSameType(actual, first) !== 0;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'CONTAINS':
      if (typeof actual === 'string') return actual.includes(String(first));
      if (Array.isArray(actual)) return actual.some((item) => compareSameType(item, first) === 0);
      return false;
    case 'NOT_CONTAINS':
      if (typeof actual === 'string') return !actual.includes(String(first));
      if (Array.isArray(actual)) return !actual.some((item) => compareSameType(item, first) === 0);
      return false;
    case 'GREATER_THAN': {
      const c = compareSameType(actual, first);
      return c !== undefined && c > 0;
    }
    case 'GREATER_THAN_EQUAL_TO': {
      const c = compareSameType(actual, first);
      return c !== undefined && c >= 0;
    }
    case 'LESS_THAN': {
      const c = compareSameType(actual, first);
      return c !== undefined && c < 0;
    }
    case 'LESS_THAN_EQUAL_TO': {
      const c = compareSameType(actual, first);
      return c !== undefined && c <= 0;
    }
    case 'BETWEEN': {
      // inclusive on both ends, like DynamoDB's BETWEEN that custom entities are modelled on
      const lo = compareSameType(actual, first);
      const hi = compareSameType(actual, second);
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
  }
}

export function matchesGroup(value: unknown, group: ConditionGroup | undefined): boolean {
  if (!group) return true;
  const attrs = isRecord(value) ? value : {};
  const test = (c: PropertyCondition): boolean => matchesCondition(attrs[c.property], c);
  return group.operator === 'and' ? group.items.every(test) : group.items.some(test);
}
