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
