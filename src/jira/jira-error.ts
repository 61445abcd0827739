/**
 * Kinds rather than subclasses: a kind survives serialisation and is what callers branch on
 * (the same reasoning as jira.js `core/errors/kinds.ts`).
 */
export type JiraErrorKind = 'bad-request' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'rate-limited' | 'unavailable' | 'unexpected';

export class JiraError extends Error {
  override readonly name = 'JiraError';

  constructor(
    readonly kind: JiraErrorKind,
    readonly operation: string,
    readonly status: number,
    /** Jira's own `errorMessages` + `errors` values, for logs and for 400s a person can act on. */
    readonly jiraMessages: readonly string[] = [],
    /** Seconds Jira asked us to wait (429), when it said so. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${operation} failed with HTTP ${status}${jiraMessages.length > 0 ? `: ${jiraMessages.join('; ')}` : ''}`);
  }
}

export const isJiraError = (error: unknown): error is JiraError => error instanceof JiraError;

export const kindForStatus = (status: number): JiraErrorKind => {
  if (status === 400) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'unavailable';
  return 'unexpected';
};
