/**
 * A failure inside a route handler, answered in Jira's error-collection shape.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes
 */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
  }
}

export const badRequest = (message: string): JiraError => new JiraError(400, [message]);
export const fieldErrors = (errors: Record<string, string>): JiraError => new JiraError(400, [], errors);
export const notFound = (message: string): JiraError => new JiraError(404, [message]);
export const forbidden = (message: string): JiraError => new JiraError(403, [message]);

/** Jira's wording when an issue is missing or the caller may not browse it (both are 404 by design). */
export const issueNotFound = (): JiraError => notFound('Issue does not exist or you do not have permission to see it.');
