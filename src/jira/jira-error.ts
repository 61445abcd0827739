/**
 * Kinds rather than subclasses: one class whose `kind` (from `kindForStatus`) is what callers branch
 * on, so a status gets one name in one place. jira.js has kinds too (`core/errors/kinds.ts`) but reads
 * them through a branded marker, because two copies of a published library can share one process and
 * then `instanceof` silently answers false. That cannot happen here: this class is private to the app,
 * bundled once into its functions, and a `JiraError` is caught inside the invocation that threw it
 * (where it becomes a refusal, a retry or a log line; it is never serialised), so `isJiraError` can
 * rely on `instanceof`.
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
    /** Jira's `errors`: one message per field id it refused (a 400 on create or edit). */
    readonly fieldErrors: Readonly<Record<string, string>> = {},
  ) {
    super(`${operation} failed with HTTP ${status}${jiraMessages.length > 0 ? `: ${jiraMessages.join('; ')}` : ''}`);
  }
}

export const isJiraError = (error: unknown): error is JiraError => error instanceof JiraError;

/**
 * The fields Jira refused in a 400, when every refusal is about one of `optional` (a field that is
 * not on the create or edit screen, or a value Jira will not take for it) and nothing else went
 * wrong; otherwise `null`. Jira validates a create or edit as a whole before changing anything, so
 * such a 400 means nothing was written and the request may be sent again without those fields.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes
 */
export const refusedOptionalFields = (error: unknown, optional: readonly string[]): Readonly<Record<string, string>> | null => {
  if (!isJiraError(error) || error.status !== 400) return null;
  const refused = Object.keys(error.fieldErrors);
  const onlyFieldErrors = error.jiraMessages.length === refused.length;
  if (refused.length === 0 || !onlyFieldErrors || !refused.every((field) => optional.includes(field))) return null;
  return error.fieldErrors;
};

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
