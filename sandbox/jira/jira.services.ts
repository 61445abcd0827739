import type { Caller } from './jira.permissions.js';
import type { JiraStore, StoredIssue } from './jira.store.js';
import type { JiraHooks, ProductEvent } from './jira.types.js';
import { formatJiraDateTime } from './jira.time.js';
import { IssueSerializer } from './jira.serializers.js';
import { SearchIndex } from './jira.search-index.js';

/** What route handlers need besides the store: a clock, the hooks, and the serializers. */
export class JiraServices {
  readonly serialize: IssueSerializer;
  /** What `search/jql` and `approximate-count` see: the site as it was `lag` ms ago. */
  readonly searchIndex: SearchIndex;

  constructor(
    readonly store: JiraStore,
    readonly now: () => number,
    private readonly getHooks: () => JiraHooks,
    readonly searchAliases: ReadonlyMap<string, SearchAlias>,
  ) {
    this.serialize = new IssueSerializer(store);
    this.searchIndex = new SearchIndex(store, now);
  }

  get hooks(): JiraHooks {
    return this.getHooks();
  }

  /** Forge sends only these system fields in issue events (custom fields are not included). */
  eventFields(issue: StoredIssue): Record<string, unknown> {
    const full = this.serialize.issueFields(issue, { kind: 'app' });
    const keep = ['summary', 'issuetype', 'creator', 'created', 'project', 'reporter', 'assignee', 'updated', 'status'];
    return Object.fromEntries(keep.map((k) => [k, full[k] ?? null]));
  }

  emit(eventType: ProductEvent['eventType'], issue: StoredIssue, actor: Caller, extra: Partial<ProductEvent> = {}): void {
    const hooks = this.hooks;
    if (hooks.onEvent === undefined) return;
    const event: ProductEvent = {
      eventType,
      timestamp: formatJiraDateTime(this.now()),
      issue: { id: issue.id, key: issue.key, fields: this.eventFields(issue) },
      actor,
      ...(actor.kind === 'user' ? { atlassianId: actor.accountId } : {}),
      ...extra,
    };
    hooks.onEvent(event);
  }
}

/** An entity-property search alias declared by a `jira:entityProperty` module in manifest.yml. */
export interface SearchAlias {
  alias: string;
  propertyKey: string;
  path: string;
  type: 'number' | 'string' | 'text' | 'user' | 'date';
}
