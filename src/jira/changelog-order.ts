/**
 * Jira hands out an issue's changelog in two orders: embedded with `expand=changelog` it lists the
 * most recent histories newest first, while `GET /issue/{key}/changelog` pages them "sorted by date,
 * starting from the oldest". Nothing that folds a changelog may depend on either, so every reader
 * sorts explicitly with `oldestFirst`.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-changelog-get
 * @see https://github.com/solidify/jira-azuredevops-migrator/pull/564 (expand=changelog "ordered from newest to oldest as Jira shows too")
 */

interface ChangelogHistory {
  readonly id: string;
  /** Jira's timestamp, e.g. `2026-11-20T14:12:00.000+0000`. */
  readonly created: string;
}

/** Milliseconds since the epoch; Jira writes offsets without a colon (`+0000`). Unreadable sorts first. */
const instant = (jiraTime: string): number => {
  const parsed = Date.parse(jiraTime.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(parsed) ? -Infinity : parsed;
};

/** Jira's history ids are numeric strings that grow with time: compared as numbers, not as text. */
const compareIds = (a: string, b: string): number => {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
};

/**
 * The histories oldest first: by `created`, then by id, because several changes can share a
 * millisecond (a transition and the field changes made with it, or two quick edits).
 */
export const oldestFirst = <H extends ChangelogHistory>(histories: readonly H[]): H[] =>
  [...histories].sort((a, b) => {
    const at = instant(a.created);
    const bt = instant(b.created);
    return at === bt ? compareIds(a.id, b.id) : at < bt ? -1 : 1;
  });
