import type { Route } from '@forge/api';

/**
 * The one-method port every Jira operation goes through (the shape jira.js calls a `Client`).
 * Production binds it to `@forge/api` `asUser()/asApp().requestJira`; nothing else in `src/jira`
 * knows how requests leave the function, so operations stay small typed functions.
 */
export interface JiraTransport {
  request(path: Route, init?: JiraRequestInit): Promise<JiraResponse>;
}

export interface JiraRequestInit {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Whether the transport may send this request again after a 429 or 5xx, set by the operation that
   * knows what the request does (the transport never guesses from the path):
   * - omitted: by HTTP method. GET, PUT and DELETE are idempotent and retried; POST never is, since
   *   replaying it could post a second comment or file a second issue.
   * - `'idempotent'`: a POST that only reads (JQL search, approximate count, bulk fetch): retried like a GET.
   * - `'once'`: one attempt, whatever the method, for lookups whose caller shows something else
   *   rather than keep a person waiting through the backoff (display names).
   */
  readonly retry?: 'idempotent' | 'once';
}

export interface JiraResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** Both identities for one invocation. `asApp` may only be used after checking the user's permission. */
export interface JiraClients {
  readonly asUser: JiraTransport;
  readonly asApp: JiraTransport;
}
