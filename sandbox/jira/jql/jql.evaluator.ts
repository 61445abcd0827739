import { adfToText } from '../../../src/contract/adf.js';
import { canSeeIssue, securityLevelOf } from '../jira.issue-security.js';
import type { Caller } from '../jira.permissions.js';
import type { SearchAlias } from '../jira.services.js';
import type { JiraStore, StoredIssue } from '../jira.store.js';
import { describeField, JqlError, type JqlClause, type JqlExpr, type JqlFieldRef, type JqlOperand, type JqlOperator, type JqlQuery } from './jql.ast.js';
import { evaluateDateFunction, parseJqlDate } from './jql.dates.js';

type Scalar = string | number;
/** Marks "matches an empty field" inside a literal list (EMPTY, or resolution = Unresolved). */
const EMPTY = '\u0000EMPTY';

type FieldType = 'exact' | 'text' | 'date' | 'number' | 'user' | 'key' | 'sprint' | 'property';

interface FieldDef {
  name: string;
  type: FieldType;
  get(issue: StoredIssue): Scalar[];
  literal(value: string): Scalar[];
  fn?(name: string, args: string[]): Scalar[] | undefined;
  sortKey?(issue: StoredIssue): Scalar | null;
  /** Operators this field takes when narrower than its type's. */
  operators?: ReadonlySet<JqlOperator>;
}

export interface JqlContext {
  store: JiraStore;
  caller: Caller;
  now: number;
  aliases: ReadonlyMap<string, SearchAlias>;
}

export interface CompiledJql {
  matches(issue: StoredIssue): boolean;
  compare(a: StoredIssue, b: StoredIssue): number;
}

const OPS_BY_TYPE: Record<FieldType, ReadonlySet<JqlOperator>> = {
  exact: new Set(['=', '!=', 'IN', 'NOT IN', 'IS', 'IS NOT']),
  user: new Set(['=', '!=', 'IN', 'NOT IN', 'IS', 'IS NOT']),
  sprint: new Set(['=', '!=', 'IN', 'NOT IN', 'IS', 'IS NOT']),
  text: new Set(['~', '!~', 'IS', 'IS NOT']),
  date: new Set(['=', '!=', '>', '>=', '<', '<=', 'IN', 'NOT IN', 'IS', 'IS NOT']),
  number: new Set(['=', '!=', '>', '>=', '<', '<=', 'IN', 'NOT IN', 'IS', 'IS NOT']),
  key: new Set(['=', '!=', '>', '>=', '<', '<=', 'IN', 'NOT IN']),
  property: new Set(['=', '!=', '~', '!~', '>', '>=', '<', '<=', 'IN', 'NOT IN', 'IS', 'IS NOT']),
};

const norm = (v: Scalar): Scalar => (typeof v === 'string' ? v.toLowerCase() : v);

/** Compiles a parsed query against the store: unknown fields, values and operators fail here, before any issue is read. */
export function compileJql(query: JqlQuery, ctx: JqlContext): CompiledJql {
  const fields = new FieldCatalog(ctx);
  const matches = query.where === undefined ? () => true : compileExpr(query.where, fields, ctx);
  const sorters = query.orderBy.map((o) => {
    const def = fields.resolve(o.field);
    const key = (issue: StoredIssue): Scalar | null => (def.sortKey === undefined ? (def.get(issue)[0] ?? null) : def.sortKey(issue));
    const dir = o.direction === 'DESC' ? -1 : 1;
    return (a: StoredIssue, b: StoredIssue) => compareNullable(key(a), key(b)) * dir;
  });
  // Without ORDER BY, answer like the issue navigator: newest first.
  if (sorters.length === 0) sorters.push((a, b) => b.created - a.created);
  sorters.push((a, b) => Number(b.id) - Number(a.id));
  return {
    matches,
    compare: (a, b) => {
      for (const s of sorters) {
        const r = s(a, b);
        if (r !== 0) return r;
      }
      return 0;
    },
  };
}

function compareNullable(a: Scalar | null, b: Scalar | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function compileExpr(expr: JqlExpr, fields: FieldCatalog, ctx: JqlContext): (issue: StoredIssue) => boolean {
  switch (expr.kind) {
    case 'and': {
      const parts = expr.items.map((e) => compileExpr(e, fields, ctx));
      return (i) => parts.every((p) => p(i));
    }
    case 'or': {
      const parts = expr.items.map((e) => compileExpr(e, fields, ctx));
      return (i) => parts.some((p) => p(i));
    }
    case 'not': {
      const inner = compileExpr(expr.expr, fields, ctx);
      return (i) => !inner(i);
    }
    case 'clause':
      return compileClause(expr, fields.resolve(expr.field), ctx);
  }
}

function operandValues(operand: JqlOperand, def: FieldDef, ctx: JqlContext): Scalar[] {
  switch (operand.kind) {
    case 'empty': return [EMPTY];
    case 'list': return operand.items.flatMap((o) => operandValues(o, def, ctx));
    case 'value': return def.literal(operand.value);
    case 'function': {
      const own = def.fn?.(operand.name, operand.args);
      if (own !== undefined) return own;
      if (def.type === 'date' || def.type === 'property') {
        const ms = evaluateDateFunction(operand.name, operand.args, ctx.now);
        if (ms !== undefined) return [ms];
      }
      throw new JqlError(`Unable to find JQL function '${operand.name}(${operand.args.join(', ')})' for field '${def.name}' in the Firebreak sandbox.`);
    }
  }
}

function compileClause(clause: JqlClause, def: FieldDef, ctx: JqlContext): (issue: StoredIssue) => boolean {
  const { operator } = clause;
  if (!(def.operators ?? OPS_BY_TYPE[def.type]).has(operator)) {
    throw new JqlError(`The operator '${operator}' is not supported by the '${def.name}' field.`);
  }
  if ((operator === 'IS' || operator === 'IS NOT') && clause.operand.kind !== 'empty') {
    throw new JqlError(`The operator '${operator}' only supports the EMPTY or NULL value (field '${def.name}').`);
  }
  if (operator === '~' || operator === '!~') return textClause(clause, def);
  const literals = operandValues(clause.operand, def, ctx);
  const wantsEmpty = literals.includes(EMPTY);
  const set = new Set(literals.filter((l) => l !== EMPTY).map(norm));
  const equal = (values: Scalar[]) => (values.length === 0 ? wantsEmpty : values.some((v) => set.has(norm(v))));
  switch (operator) {
    case '=': case 'IN': case 'IS':
      return (i) => equal(def.get(i));
    // Jira's != and NOT IN never match issues where the field is empty.
    case '!=': case 'NOT IN': case 'IS NOT':
      return (i) => {
        const values = def.get(i);
        if (values.length === 0) return false;
        return !values.some((v) => set.has(norm(v))) || (wantsEmpty && set.size === 0);
      };
    default: {
      const bound = literals[0];
      if (bound === undefined || bound === EMPTY) throw new JqlError(`The operator '${operator}' needs a value for field '${def.name}'.`);
      return (i) => def.get(i).some((v) => compareOp(def, operator, v, bound));
    }
  }
}

function compareOp(def: FieldDef, op: JqlOperator, value: Scalar, bound: Scalar): boolean {
  let diff: number;
  if (def.type === 'key') {
    const [pa, na] = splitKey(String(value));
    const [pb, nb] = splitKey(String(bound));
    if (pa !== pb) return false;
    diff = na - nb;
  } else if (typeof value === 'number' && typeof bound === 'number') diff = value - bound;
  else diff = String(value).localeCompare(String(bound));
  switch (op) {
    case '>': return diff > 0;
    case '>=': return diff >= 0;
    case '<': return diff < 0;
    case '<=': return diff <= 0;
    default: return false;
  }
}

const splitKey = (key: string): [string, number] => {
  const at = key.lastIndexOf('-');
  return [key.slice(0, at).toUpperCase(), Number(key.slice(at + 1))];
};

/** `~` is Jira's text search: every term must occur (case-insensitive); `*` is a wildcard suffix we ignore. */
function textClause(clause: JqlClause, def: FieldDef): (issue: StoredIssue) => boolean {
  if (clause.operand.kind !== 'value') throw new JqlError(`The operator '${clause.operator}' needs a text value for field '${def.name}'.`);
  const terms = clause.operand.value.toLowerCase().replace(/[*?"]/g, ' ').split(/\s+/).filter((t) => t !== '');
  const contains = (i: StoredIssue) => {
    const text = def.get(i).map((v) => String(v).toLowerCase()).join(' \n ');
    return terms.every((t) => text.includes(t));
  };
  return clause.operator === '~' ? contains : (i) => def.get(i).length > 0 && !contains(i);
}

/** Reads `a.b.c` from a property value; arrays contribute every element. */
function propertyValues(value: unknown, path: string): Scalar[] {
  let current: unknown[] = [value];
  for (const part of path.split('.')) {
    current = current.flatMap((v) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
      const next = (v as Record<string, unknown>)[part];
      return Array.isArray(next) ? (next as unknown[]) : [next];
    });
  }
  return current.flatMap((v): Scalar[] => (typeof v === 'string' || typeof v === 'number' ? [v] : typeof v === 'boolean' ? [String(v)] : []));
}

/** The fields the emulator's JQL understands, resolved by name/alias (case-insensitive). */
class FieldCatalog {
  private readonly defs = new Map<string, FieldDef>();

  constructor(private readonly ctx: JqlContext) {
    this.registerSystemFields();
  }

  resolve(ref: JqlFieldRef): FieldDef {
    if (ref.kind === 'property') return this.propertyField(ref.key, ref.path, 'property', describeField(ref));
    const name = ref.name.toLowerCase();
    const known = this.defs.get(name);
    if (known !== undefined) return known;
    const alias = [...this.ctx.aliases.values()].find((a) => a.alias.toLowerCase() === name);
    if (alias !== undefined) return this.propertyField(alias.propertyKey, alias.path, alias.type, alias.alias);
    const custom = this.ctx.store.scenario.fields.find((f) => f.id.toLowerCase() === name || f.name.toLowerCase() === name);
    if (custom !== undefined) return this.customField(custom.id, custom.name, custom.schemaType);
    throw new JqlError(`Field '${ref.name}' does not exist or you do not have permission to view it.`);
  }

  private add(names: string[], def: FieldDef): void {
    for (const n of names) this.defs.set(n.toLowerCase(), def);
  }

  private unknownValue(field: string, value: string): never {
    throw new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
  }

  /** An enum-like field whose literals resolve by id or name to ids. */
  private lookupField(names: string[], items: Array<{ id: string; name: string; alt?: string }>, get: (i: StoredIssue) => string | null, sortKey?: (i: StoredIssue) => Scalar | null): void {
    const field = names[0] ?? '';
    this.add(names, {
      name: field,
      type: 'exact',
      get: (i) => {
        const v = get(i);
        return v === null ? [] : [v];
      },
      literal: (value) => {
        const lower = value.toLowerCase();
        const hits = items.filter((it) => it.id === value || it.name.toLowerCase() === lower || it.alt?.toLowerCase() === lower);
        if (hits.length === 0) this.unknownValue(field, value);
        return hits.map((h) => h.id);
      },
      sortKey: sortKey ?? ((i) => {
        const v = get(i);
        return v === null ? null : (items.find((it) => it.id === v)?.name ?? v);
      }),
    });
  }

  private userField(names: string[], get: (i: StoredIssue) => string | null): void {
    const field = names[0] ?? '';
    const { store, caller } = this.ctx;
    this.add(names, {
      name: field,
      type: 'user',
      get: (i) => {
        const v = get(i);
        return v === null ? [] : [v];
      },
      literal: (value) => {
        if (store.user(value) === undefined) this.unknownValue(field, value);
        return [value];
      },
      fn: (name) => (name.toLowerCase() === 'currentuser' ? (caller.kind === 'user' ? [caller.accountId] : []) : undefined),
      sortKey: (i) => {
        const v = get(i);
        return v === null ? null : (store.user(v)?.displayName ?? v);
      },
    });
  }

  private dateField(names: string[], get: (i: StoredIssue) => number | null): void {
    const field = names[0] ?? '';
    this.add(names, {
      name: field,
      type: 'date',
      get: (i) => {
        const v = get(i);
        return v === null ? [] : [v];
      },
      literal: (value) => [parseJqlDate(value, this.ctx.now, field)],
    });
  }

  private textField(names: string[], get: (i: StoredIssue) => string[]): void {
    this.add(names, { name: names[0] ?? '', type: 'text', get, literal: (v) => [v], sortKey: (i) => get(i)[0] ?? null });
  }

  private registerSystemFields(): void {
    const { store } = this.ctx;
    const s = store.scenario;
    this.lookupField(['project'], s.projects.map((p) => ({ id: p.key, name: p.name, alt: p.id })), (i) => i.projectKey, (i) => i.projectKey);
    this.lookupField(['issuetype', 'type'], s.issueTypes, (i) => i.issueTypeId);
    this.lookupField(['status'], s.statuses, (i) => i.statusId);
    this.lookupField(
      ['statusCategory'],
      [
        { id: 'new', name: 'To Do', alt: '2' },
        { id: 'indeterminate', name: 'In Progress', alt: '4' },
        { id: 'done', name: 'Done', alt: '3' },
      ],
      (i) => store.status(i.statusId)?.category ?? null,
    );
    const priorityRank = (id: string) => s.priorities.findIndex((p) => p.id === id);
    this.lookupField(['priority'], s.priorities, (i) => i.priorityId, (i) => priorityRank(i.priorityId));
    const resolution = this.lookupResolution();
    this.add(['resolution'], resolution);
    this.add(['labels', 'label'], { name: 'labels', type: 'exact', get: (i) => i.labels, literal: (v) => [v] });
    this.userField(['assignee'], (i) => i.assignee);
    this.userField(['reporter'], (i) => i.reporter);
    this.userField(['creator'], (i) => i.creator);
    this.dateField(['created', 'createdDate'], (i) => i.created);
    this.dateField(['updated', 'updatedDate'], (i) => i.updated);
    this.dateField(['resolutiondate', 'resolved'], (i) => i.resolutiondate);
    this.textField(['summary'], (i) => [i.summary]);
    this.textField(['description'], (i) => (i.description === null ? [] : [adfToText(i.description)]));
    this.textField(['comment'], (i) => i.comments.map((c) => adfToText(c.body)));
    this.textField(['text'], (i) => [i.summary, ...(i.description === null ? [] : [adfToText(i.description)]), ...i.comments.map((c) => adfToText(c.body))]);
    const keyDef: FieldDef = {
      name: 'key',
      type: 'key',
      get: (i) => [i.key],
      literal: (value) => {
        // An issue the searcher may not see (its project, or its security level) is answered like a
        // missing one, so the answer never tells a non-member that it exists (part: security).
        const found = store.issueByIdOrKey(value);
        const issue = found !== undefined && canSeeIssue(store, this.ctx.caller, found) ? found : undefined;
        // Jira accepts a well-formed key of a missing issue in range queries but rejects it in equality; we accept both.
        if (issue === undefined && !/^[A-Z][A-Z0-9_]+-\d+$/i.test(value)) this.unknownValue('key', value);
        return [issue?.key ?? value.toUpperCase()];
      },
      sortKey: (i) => `${i.projectKey}-${String(splitKey(i.key)[1]).padStart(9, '0')}`,
    };
    this.add(['key', 'issuekey', 'id', 'issue'], keyDef);
    this.add(['parent'], { ...keyDef, name: 'parent', type: 'exact', get: (i) => (i.parentKey === undefined ? [] : [i.parentKey]) });
    this.add(['rank'], { name: 'rank', type: 'number', get: (i) => [Number(i.id)], literal: (v) => [Number(v)] });
    // Part: security. `level` matches the issue's security level by name or id (a sub-task's is its parent's).
    // @see https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Security-level
    this.lookupField(['level'], s.issueSecuritySchemes.flatMap((scheme) => scheme.levels), (i) => securityLevelOf(store, i)?.id ?? null);
    this.registerSprintField();
    this.registerWorklogFields();
  }

  /**
   * `worklogAuthor` and `worklogDate` match an issue when ANY of its worklogs does: each clause on its
   * own, so `worklogAuthor = A AND worklogDate = D` may match A's worklog on another day plus
   * someone else's on D (callers filter worklogs themselves). `worklogDate` compares calendar days in
   * the searcher's time zone (their profile's; UTC for the app), never instants, so a time in the
   * literal is dropped. Neither takes EMPTY.
   * @see https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Work-log-author
   * @see https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Work-log-date
   */
  private registerWorklogFields(): void {
    const { store, caller } = this.ctx;
    // Jira reads a worklog's day, and a day literal, in the searcher's time zone (the app's: UTC).
    const zone = (caller.kind === 'user' ? store.user(caller.accountId)?.timeZone : undefined) ?? 'UTC';
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const dayOf = (instant: number): string => format.format(instant);
    const literalDay = (value: string): string => {
      const written = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+\d{1,2}:\d{2})?$/.exec(value.trim());
      if (written !== null) return `${written[1] ?? ''}-${(written[2] ?? '').padStart(2, '0')}-${(written[3] ?? '').padStart(2, '0')}`;
      return dayOf(parseJqlDate(value, this.ctx.now, 'worklogDate'));
    };
    const onlyValues = (def: FieldDef, operators: ReadonlySet<JqlOperator>): FieldDef => ({ ...def, operators });
    this.add(['worklogAuthor'], onlyValues({
      name: 'worklogAuthor',
      type: 'user',
      get: (i) => [...new Set(i.worklogs.map((w) => w.author))],
      literal: (value) => {
        if (store.user(value) === undefined) this.unknownValue('worklogAuthor', value);
        return [value];
      },
      fn: (name) => (name.toLowerCase() === 'currentuser' ? (caller.kind === 'user' ? [caller.accountId] : []) : undefined),
    }, new Set(['=', '!=', 'IN', 'NOT IN'])));
    this.add(['worklogDate'], onlyValues({
      name: 'worklogDate',
      type: 'date',
      get: (i) => [...new Set(i.worklogs.map((w) => dayOf(w.started)))],
      literal: (value) => [literalDay(value)],
      fn: (name, args) => {
        const at = evaluateDateFunction(name, args, this.ctx.now);
        return at === undefined ? undefined : [dayOf(at)];
      },
    }, new Set(['=', '!=', '>', '>=', '<', '<=', 'IN', 'NOT IN'])));
  }

  private lookupResolution(): FieldDef {
    const { store } = this.ctx;
    return {
      name: 'resolution',
      type: 'exact',
      get: (i) => (i.resolutionId === null ? [] : [i.resolutionId]),
      literal: (value) => {
        if (value.toLowerCase() === 'unresolved') return [EMPTY];
        const hits = store.scenario.resolutions.filter((r) => r.id === value || r.name.toLowerCase() === value.toLowerCase());
        if (hits.length === 0) this.unknownValue('resolution', value);
        return hits.map((h) => h.id);
      },
      sortKey: (i) => (i.resolutionId === null ? null : (store.resolution(i.resolutionId)?.name ?? null)),
    };
  }

  private registerSprintField(): void {
    const { store } = this.ctx;
    const sprints = store.scenario.sprints;
    const def: FieldDef = {
      name: 'sprint',
      type: 'sprint',
      get: (i) => i.sprintIds,
      literal: (value) => {
        const byId = /^\d+$/.test(value) ? sprints.filter((s) => s.id === Number(value)) : [];
        const hits = byId.length > 0 ? byId : sprints.filter((s) => s.name.toLowerCase() === value.toLowerCase());
        if (hits.length === 0) this.unknownValue('sprint', value);
        return hits.map((s) => s.id);
      },
      fn: (name) => {
        const n = name.toLowerCase();
        if (n === 'opensprints') return sprints.filter((s) => s.state !== 'closed').map((s) => s.id);
        if (n === 'closedsprints') return sprints.filter((s) => s.state === 'closed').map((s) => s.id);
        if (n === 'futuresprints') return sprints.filter((s) => s.state === 'future').map((s) => s.id);
        return undefined;
      },
    };
    const sprintField = store.field(store.scenario.site.sprintFieldId);
    this.add(['sprint', store.scenario.site.sprintFieldId, ...(sprintField === undefined ? [] : [sprintField.name])], def);
  }

  private customField(id: string, name: string, schemaType: string): FieldDef {
    const get = (i: StoredIssue): Scalar[] => {
      const v = i.customFields[id];
      if (v === null || v === undefined) return [];
      if (Array.isArray(v)) return v.filter((x): x is Scalar => typeof x === 'string' || typeof x === 'number');
      if (typeof v === 'object') {
        const o = v as { value?: unknown; accountId?: unknown };
        const inner = o.value ?? o.accountId;
        return typeof inner === 'string' || typeof inner === 'number' ? [inner] : [];
      }
      return typeof v === 'string' || typeof v === 'number' ? [v] : [];
    };
    if (schemaType === 'number') {
      return {
        name, type: 'number', get,
        literal: (v) => {
          const n = Number(v);
          if (Number.isNaN(n)) throw new JqlError(`The value '${v}' is not a valid number for field '${name}'.`);
          return [n];
        },
      };
    }
    if (schemaType === 'date' || schemaType === 'datetime') {
      return { name, type: 'date', get: (i) => get(i).map((v) => Date.parse(String(v))), literal: (v) => [parseJqlDate(v, this.ctx.now, name)] };
    }
    return { name, type: schemaType === 'string' ? 'text' : 'exact', get, literal: (v) => [v] };
  }

  private propertyField(key: string, path: string, type: SearchAlias['type'] | 'property', label: string): FieldDef {
    const get = (i: StoredIssue) => propertyValues(i.properties.get(key), path);
    const { now } = this.ctx;
    switch (type) {
      case 'number':
        return { name: label, type: 'number', get: (i) => get(i).map(Number).filter((n) => !Number.isNaN(n)), literal: (v) => [Number(v)] };
      case 'date':
        return { name: label, type: 'date', get: (i) => get(i).map((v) => (typeof v === 'number' ? v : Date.parse(v))), literal: (v) => [parseJqlDate(v, now, label)] };
      case 'text':
        return { name: label, type: 'text', get, literal: (v) => [v] };
      case 'string':
      case 'user':
        return { name: label, type: 'exact', get, literal: (v) => [v] };
      case 'property':
        // Undeclared type: numbers compare as numbers, anything else as text.
        return { name: label, type: 'property', get, literal: (v) => (/^-?\d+(\.\d+)?$/.test(v) ? [Number(v), v] : [v]) };
    }
  }
}
