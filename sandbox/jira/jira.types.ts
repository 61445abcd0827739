import type { Caller } from './jira.permissions.js';

export type { Caller } from './jira.permissions.js';

export interface JiraHttpRequest {
  method: string;
  /** path + optional ?query, e.g. '/rest/api/3/search/jql?jql=...' */
  path: string;
  /** raw JSON text */
  body?: string;
}

export interface JiraHttpResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text or '' (204) */
  body: string;
}

export interface ChangelogItemPayload {
  field: string;
  fieldId?: string;
  fieldtype: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/**
 * Forge product-event payload.
 * @see https://developer.atlassian.com/platform/forge/events-reference/jira/#issue-events
 */
export interface ProductEvent {
  eventType:
    | 'avi:jira:created:issue'
    | 'avi:jira:updated:issue'
    | 'avi:jira:commented:issue'
    | 'avi:jira:created:worklog'
    | 'avi:jira:updated:worklog'
    | 'avi:jira:deleted:worklog'
    | 'avi:jira:created:issuelink'
    | (string & {});
  atlassianId?: string;
  timestamp: string;
  issue: { id: string; key: string; fields: Record<string, unknown> };
  changelog?: { id: string; items: ChangelogItemPayload[] };
  comment?: unknown;
  worklog?: unknown;
  /** for issuelink events: Forge's `issueLink` payload (id, sourceIssueId, destinationIssueId, issueLinkType) */
  issueLink?: unknown;
  /** not part of Forge's payload: who caused it, so the runtime can apply `ignoreSelf` */
  actor: Caller;
}

export interface TransitionCheck {
  issueKey: string;
  transitionId: string;
  fromStatusId: string;
  toStatusId: string;
  caller: Caller;
  rules: Array<{ key: string; configuration: string | undefined }>;
}

export interface JiraHooks {
  /** called after every change that Jira would emit an event for */
  onEvent?(event: ProductEvent): void;
  /** error messages; empty = allowed. Called on POST /issue/{key}/transitions when the transition has rules */
  runValidators?(check: TransitionCheck): Promise<string[]>;
}

export interface FaultRule {
  id?: string;
  method?: string;
  /** regex source matched against the path without query */
  pathPattern: string;
  /**
   * `429` (with Retry-After), `500`, `403` (Jira refuses: a permission the caller lacks, as Jira
   * answers it), or `latency` (the request waits `latencyMs` more).
   */
  kind: '429' | '500' | '403' | 'latency';
  retryAfterSeconds?: number;
  latencyMs?: number;
  /** how many matching requests it affects; default unlimited */
  times?: number;
  /**
   * `500` only: Jira carries the request out, then answers 500, as when a gateway times out on a
   * write that went through. The caller cannot tell from the answer whether anything was stored.
   */
  afterWrite?: boolean;
}

export interface MeteringSnapshot {
  total: { calls: number; points: number };
  byOperation: Record<string, { calls: number; points: number }>;
}
